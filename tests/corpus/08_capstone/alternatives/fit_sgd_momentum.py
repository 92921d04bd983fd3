# why: SGD with momentum=0.9 (and lr=0.05 in train_digits), zero_grad before the forward pass, nn.CrossEntropyLoss,
# validation as batch means times batch sizes
# %% fit
def fit(model: nn.Module, train_loader: DataLoader, val_loader: DataLoader, epochs: int, lr: float, seed: int,
        checkpoint: str | None = None) -> tuple[list[float], list[float]]:
    torch.manual_seed(seed)
    where = next(model.parameters()).device
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    train_losses, val_losses, best = [], [], math.inf
    for epoch in range(epochs):
        model.train()
        total, count = 0.0, 0
        for x, y in train_loader:
            x, y = x.to(where), y.to(where)
            optimizer.zero_grad()
            loss = nn.CrossEntropyLoss()(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
            count += len(x)
        train_losses.append(total / count)
        model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for x, y in val_loader:
                x, y = x.to(where), y.to(where)
                total += F.cross_entropy(model(x), y).item() * len(x)
                count += len(x)
        val_losses.append(total / count)
        if checkpoint is not None:
            best = save_if_best(model, val_losses[-1], best, checkpoint)
    model.eval()
    return train_losses, val_losses


# %% pipeline
def train_digits(root: str, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    train_set, val_set = split_train_val(digits_dataset(root, train=True), 237, seed)
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(seed))
    val_loader = DataLoader(val_set, batch_size=256)
    model = DigitsCNN(dropout=0.25).to(device)
    fit(model, train_loader, val_loader, epochs=6, lr=0.05, seed=seed, checkpoint="best_digits.pt")
    return load_model("best_digits.pt", model)


def predict(model: nn.Module, images: torch.Tensor) -> torch.Tensor:
    model.eval()
    where = next(model.parameters()).device
    labels = [torch.zeros(0, dtype=torch.int64)]
    with torch.no_grad():
        for start in range(0, len(images), 256):
            labels.append(model(images[start:start + 256].to(where)).argmax(dim=1).cpu())
    return torch.cat(labels)
