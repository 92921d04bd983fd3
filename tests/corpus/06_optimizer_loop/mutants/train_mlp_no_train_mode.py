# mistake: never calls model.train(), so a model handed over in eval mode trains with Dropout switched off
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
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
