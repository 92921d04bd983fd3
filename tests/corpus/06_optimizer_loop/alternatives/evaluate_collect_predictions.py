# why: collects all predictions and labels under torch.inference_mode, then takes the mean of the matches
# %% evaluate
def evaluate(model: nn.Module, loader: DataLoader) -> float:
    model.train(False)
    predictions, labels = [], []
    with torch.inference_mode():
        for img, label in loader:
            predictions.append(model(img.flatten(start_dim=1)).argmax(dim=-1))
            labels.append(label)
    return (torch.cat(predictions) == torch.cat(labels)).float().mean().item()
