# mistake: evaluates without torch.no_grad(), so every forward pass is recorded for a backward pass that never comes
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct, total = 0, 0
    for img, label in loader:
        pred = model(img.view(img.size(0), -1)).argmax(dim=1)
        correct += (pred == label).sum().item()
        total += len(label)
    return correct / total
