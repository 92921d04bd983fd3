# why: predict through a DataLoader under torch.inference_mode, torch.max(out, 1) as in the tutorial
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
    model.train(False)
    where = next(model.parameters()).device
    loader = DataLoader(TensorDataset(images), batch_size=256)
    with torch.inference_mode():
        found = [torch.max(model(x.to(where)), 1)[1].to("cpu") for (x,) in loader]
    return torch.cat(found) if found else torch.empty(0, dtype=torch.long)
