# mistake: trains a deep copy of the model, so the model that was passed in never changes
# targets: test_fit
# %% fit
import copy


def fit(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
        steps: int) -> list[float]:
    model = copy.deepcopy(model)
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
