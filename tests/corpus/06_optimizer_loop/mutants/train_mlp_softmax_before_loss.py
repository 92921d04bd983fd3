# mistake: applies softmax to the outputs before CrossEntropyLoss, which already applies log_softmax
# targets: test_train_mlp
# %% train_mlp
def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    criterion = nn.CrossEntropyLoss()
    model.train()
    losses = []
    while len(losses) < steps:
        for img, label in loader:
            if len(losses) == steps:
                break
            out = torch.softmax(model(img.view(img.size(0), -1)), dim=1)
            loss = criterion(out, label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
