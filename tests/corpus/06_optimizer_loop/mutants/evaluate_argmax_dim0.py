# mistake: takes the argmax over dim 0 (the batch) instead of over the classes
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for img, label in loader:
            out = model(img.view(img.size(0), -1))
            pred = out.argmax(dim=0)[: len(label)]
            correct += (pred == label[: len(pred)]).sum().item()
            total += len(label)
    return correct / total
