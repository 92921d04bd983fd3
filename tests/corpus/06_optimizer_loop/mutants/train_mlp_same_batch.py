# mistake: takes one batch with next(iter(loader)) and trains on it for every step
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
    model.train()
    img, label = next(iter(loader))
    img = img.view(img.size(0), -1)
    losses = []
    for _ in range(steps):
        loss = criterion(model(img), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
