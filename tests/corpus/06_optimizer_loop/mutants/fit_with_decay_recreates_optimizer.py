# mistake: builds a new optimizer with the decayed lr, which resets the momentum buffers at every decay
# targets: test_fit_with_decay
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for t in range(steps):
        if t > 0 and t % every == 0:
            lr = lr * factor
            optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
