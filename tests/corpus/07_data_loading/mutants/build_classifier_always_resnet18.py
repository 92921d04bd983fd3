# mistake: builds resnet18 whatever arch names
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.resnet18(weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model
