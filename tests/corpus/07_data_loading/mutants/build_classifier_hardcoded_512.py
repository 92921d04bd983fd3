# mistake: writes ResNet-18's 512 features instead of reading in_features from the old head
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    model.fc = nn.Linear(512, num_classes)
    return model
