# mistake: creates the optimizer for every batch, which resets the momentum
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    criterion = nn.CrossEntropyLoss()
    model.train()
    losses = []
    while len(losses) < steps:
        for img, label in loader:
            if len(losses) == steps:
                break
            optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
            loss = criterion(model(img.view(img.size(0), -1)), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
