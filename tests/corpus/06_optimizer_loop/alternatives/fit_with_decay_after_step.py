# why: decays right after the step that completes each block of `every` steps, which is the same schedule
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for t in range(1, steps + 1):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if t % every == 0:
            for group in optimizer.param_groups:
                group["lr"] = group["lr"] * factor
    return losses
