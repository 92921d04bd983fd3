# mistake: changes optimizer.defaults, which only holds the value the groups started from
# targets: test_set_lr
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    optimizer.defaults["lr"] = lr
