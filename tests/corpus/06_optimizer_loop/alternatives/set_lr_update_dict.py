# why: updates each param group dict with dict.update
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    for group in optimizer.param_groups:
        group.update(lr=lr)
