# mistake: the new head has no bias
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes, bias=False)
    return model
