# why: writes the scheduled lr lr * factor ** (t // every) into the groups before every step, using set_lr
# %% fit_with_decay
def fit_with_decay(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, lr: float, momentum: float,
                   steps: int, every: int, factor: float) -> list[float]:
    optimizer = optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for t in range(steps):
        set_lr(optimizer, lr * factor ** (t // every))
        losses.append(train_step(model, optimizer, loss_fn, x, y))
    return losses
