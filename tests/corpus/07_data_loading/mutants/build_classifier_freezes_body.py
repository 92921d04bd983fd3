# mistake: freezes the pretrained-style body while building (that is the next part's job; every parameter should train)
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model
