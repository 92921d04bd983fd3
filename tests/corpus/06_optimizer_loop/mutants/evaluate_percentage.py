# mistake: returns a percentage (0..100) instead of a fraction
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for img, label in loader:
            pred = model(img.view(img.size(0), -1)).argmax(dim=1)
            correct += (pred == label).sum().item()
            total += len(label)
    return 100.0 * correct / total
