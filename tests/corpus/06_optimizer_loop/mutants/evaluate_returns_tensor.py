# mistake: returns a tensor instead of a Python float
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct, total = torch.tensor(0), 0
    with torch.no_grad():
        for img, label in loader:
            correct += (model(img.view(img.size(0), -1)).argmax(dim=1) == label).sum()
            total += len(label)
    return correct / total
