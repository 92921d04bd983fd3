# mistake: never calls model.eval(), so Dropout keeps dropping units while testing
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    correct, total = 0, 0
    with torch.no_grad():
        for img, label in loader:
            pred = model(img.view(img.size(0), -1)).argmax(dim=1)
            correct += (pred == label).sum().item()
            total += len(label)
    return correct / total
