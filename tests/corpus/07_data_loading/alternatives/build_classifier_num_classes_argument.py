# why: the model builders take num_classes and make the fc head that size themselves (default initialization)
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    return getattr(models, arch)(weights=None, num_classes=num_classes)
