# why: replaces each param group with a copy of itself whose lr is changed (the same params, settings and state)
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    optimizer.param_groups[:] = [{**group, "lr": lr} for group in optimizer.param_groups]
