# why: the seed's style with out.max(1), counting correct answers and samples with .shape
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    num_correct = 0
    num_samples = 0
    for img, label in loader:
        img = img.view(img.size(0), -1)
        with torch.no_grad():
            out = model(img)
        _, pred = out.max(1)
        num_correct += int((pred == label).sum())
        num_samples += img.shape[0]
    return num_correct / num_samples
