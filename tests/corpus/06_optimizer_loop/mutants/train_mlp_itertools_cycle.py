# mistake: draws the batches from itertools.cycle(loader), which stores the first epoch's batches and replays them, so a shuffled loader is never reshuffled
# targets: test_train_mlp
# %% train_mlp
import itertools


def train_mlp(model: nn.Module, loader: DataLoader, steps: int, lr: float, momentum: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    model.train()
    losses = []
    for img, label in itertools.islice(itertools.cycle(loader), steps):
        loss = F.cross_entropy(model(img.flatten(1)), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
