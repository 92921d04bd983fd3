# mistake: predicts in the mode the model is in, so Dropout is active for a model in train mode
# targets: test_pipeline
# %% pipeline
def train_digits(root: str, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    train_set, val_set = split_train_val(digits_dataset(root, train=True), 237, seed)
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    val_loader = DataLoader(val_set, batch_size=256)
    model = DigitsCNN(dropout=0.25).to(device)
    fit(model, train_loader, val_loader, epochs=6, lr=0.005, seed=seed, checkpoint="best_digits.pt")
    return load_model("best_digits.pt", model)


def predict(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    where = next(model.parameters()).device
    labels = [torch.zeros(0, dtype=torch.int64)]
    with torch.no_grad():
        for start in range(0, len(images), 256):
            labels.append(model(images[start:start + 256].to(where)).argmax(dim=1).cpu())
    return torch.cat(labels)
