# why: keeps one iterator and makes a new one with iter(loader) when it is exhausted; reuses train_step
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
    model.train()
    batches = iter(loader)
    losses = []
    for _ in range(steps):
        try:
            img, label = next(batches)
        except StopIteration:
            batches = iter(loader)
            img, label = next(batches)
        losses.append(train_step(model, optimizer, criterion, img.reshape(len(img), 784), label))
    return losses
