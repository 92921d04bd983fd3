# mistake: changes only param_groups[0], leaving the other groups at their old learning rates
# targets: test_set_lr
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    optimizer.param_groups[0]["lr"] = lr
