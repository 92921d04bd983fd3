# mistake: moves the model to a fixed device (cuda if available, else cpu) as the tutorial's script does, but not the batches
# targets: test_evaluate
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for img, label in loader:
            _, pred = model(img.view(img.size(0), -1)).max(1)
            correct += (pred == label).sum().item()
            total += label.size(0)
    return correct / total
