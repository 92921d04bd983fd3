# mistake: returns the model in eval mode
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model.eval()
