# why: remembers whether the model was training and switches it back after evaluating
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    was_training = model.training
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for img, label in loader:
            correct += (model(img.view(len(img), -1)).argmax(1) == label).sum().item()
            total += len(label)
    model.train(was_training)
    return correct / total
