# mistake: sets the lr to lr * factor at every decay point, so the decays never compound
# targets: test_fit_with_decay
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for t in range(steps):
        if t > 0 and t % every == 0:
            for group in optimizer.param_groups:
                group["lr"] = lr * factor
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
