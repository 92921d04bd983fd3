# why: changes the groups in place and also returns the optimizer for chaining
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    for i in range(len(optimizer.param_groups)):
        optimizer.param_groups[i]["lr"] = float(lr)
    return optimizer
