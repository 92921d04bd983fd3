# mistake: checks t % every == 0 without t > 0, so the lr is already decayed at step 0 (as in the seed's epoch loop)
# targets: test_fit_with_decay
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for t in range(steps):
        if t % every == 0:
            optimizer.param_groups[0]["lr"] *= factor
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
