# mistake: multiplies the learning rate by lr instead of setting it to lr
# targets: test_set_lr
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    for group in optimizer.param_groups:
        group["lr"] *= lr
