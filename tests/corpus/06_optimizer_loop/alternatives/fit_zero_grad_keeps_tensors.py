# why: zero_grad(set_to_none=False) fills the gradients with zeros instead of None; the update is the same
# %% fit
def fit(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
        steps: int) -> list[float]:
    optimizer = optim.SGD(params=model.parameters(), momentum=momentum, lr=lr)
    losses: list[float] = []
    step = 0
    while step < steps:
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        step += 1
    return losses
