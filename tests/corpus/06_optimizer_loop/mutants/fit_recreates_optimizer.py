# mistake: creates the optimizer inside the loop, which resets the momentum buffers at every step
# targets: test_fit
# %% fit
def fit(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
        steps: int) -> list[float]:
    losses = []
    for _ in range(steps):
        optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
