# why: counts the epochs it needs with math.ceil, starts a new pass over the loader each epoch and switches to train mode with model.train(True)
# %% train_mlp
import math


def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    model.train(True)
    losses = []
    for epoch in range(math.ceil(steps / len(loader))):
        for img, label in loader:
            if len(losses) == steps:
                return losses
            loss = F.cross_entropy(model(img.reshape(-1, 28 * 28)), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
