# why: moves the finished model to a device (here the CPU) and re-initializes the new head by hand; both need real weights, so checks that read only the structure must not depend on where the model was built
# %% build_classifier
def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = models.get_model(arch, weights=None)
    head = nn.Linear(model.fc.in_features, num_classes)
    bound = 1 / model.fc.in_features ** 0.5
    with torch.no_grad():
        head.weight.uniform_(-bound, bound)
        head.bias.uniform_(-bound, bound)
    assert float(head.weight.abs().max()) <= bound  # reads a value: raises on the meta device
    model.fc = head
    return model.to(torch.device("cpu"))
