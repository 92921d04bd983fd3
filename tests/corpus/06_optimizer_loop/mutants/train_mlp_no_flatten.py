# mistake: feeds the (B, 1, 28, 28) images to the fully connected model without flattening them
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
            loss = criterion(model(img), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
