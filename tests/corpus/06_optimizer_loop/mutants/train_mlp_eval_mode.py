# mistake: calls model.eval() instead of model.train() before training, so Dropout is off while the model learns
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
    model.eval()
    losses = []
    while len(losses) < steps:
        for img, label in loader:
            if len(losses) == steps:
                break
            loss = criterion(model(img.view(img.size(0), -1)), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
