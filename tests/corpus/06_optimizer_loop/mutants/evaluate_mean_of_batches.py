# mistake: averages the accuracies of the batches, which overweights the smaller last batch
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    accuracies = []
    with torch.no_grad():
        for img, label in loader:
            _, pred = model(img.view(img.size(0), -1)).max(1)
            accuracies.append((pred == label).sum().item() / img.shape[0])
    return sum(accuracies) / len(accuracies)
