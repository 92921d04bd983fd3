# mistake: makes a single pass over the loader, so it stops early when steps is more than one epoch
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
    model.train()
    losses = []
    for step, (img, label) in enumerate(loader):
        if step == steps:
            break
        loss = criterion(model(img.view(img.size(0), -1)), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
