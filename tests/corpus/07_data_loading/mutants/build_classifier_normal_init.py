# mistake: re-initializes the new head with a standard normal (std 1), far larger than nn.Linear's default initialization
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    nn.init.normal_(model.fc.weight)
    return model
