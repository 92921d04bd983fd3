# mistake: creates the optimizer again at every epoch, which resets Adam's moment estimates
# targets: test_fit
# %% fit
def fit(model: nn.Module, train_loader: DataLoader, val_loader: DataLoader, epochs: int, lr: float, seed: int,
        checkpoint: str | None = None) -> tuple[list[float], list[float]]:
    torch.manual_seed(seed)
    where = next(model.parameters()).device
    train_losses, val_losses, best = [], [], math.inf
    for epoch in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        model.train()
        total, count = 0.0, 0
        for x, y in train_loader:
            x, y = x.to(where), y.to(where)
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad()
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
                total += F.cross_entropy(model(x), y, reduction="sum").item()
                count += len(x)
        val_losses.append(total / count)
        if checkpoint is not None:
            best = save_if_best(model, val_losses[-1], best, checkpoint)
    model.eval()
    return train_losses, val_losses
