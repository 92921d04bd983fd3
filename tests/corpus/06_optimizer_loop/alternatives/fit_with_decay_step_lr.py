# why: lets optim.lr_scheduler.StepLR change the lr through param_groups, one scheduler.step() per training step
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=every, gamma=factor)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
    return losses
