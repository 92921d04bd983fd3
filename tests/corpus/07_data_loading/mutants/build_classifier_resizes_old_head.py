# mistake: keeps the old head and cuts its weight to num_classes rows, leaving out_features and the bias as they were
# targets: test_build_classifier
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    model.fc.weight = nn.Parameter(model.fc.weight.detach()[:num_classes].clone())
    return model
