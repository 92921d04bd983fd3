# why: builds the optimizer once and calls train_step from part 1 for each step
# %% fit
def fit(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
        steps: int) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    return [train_step(model, optimizer, loss_fn, x, y) for _ in range(steps)]
