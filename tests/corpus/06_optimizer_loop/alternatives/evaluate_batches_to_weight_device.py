# why: moves each batch to the device of the first Linear layer's weight and counts the matches with a tensor made on that device
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    device = next(m for m in model.modules() if isinstance(m, nn.Linear)).weight.device
    model.eval()
    correct = torch.zeros((), dtype=torch.int64, device=device)
    total = 0
    with torch.no_grad():
        for img, label in loader:
            img, label = img.to(device), label.to(device)
            correct += (model(img.flatten(1)).argmax(dim=1) == label).sum()
            total += len(label)
    return correct.item() / total
