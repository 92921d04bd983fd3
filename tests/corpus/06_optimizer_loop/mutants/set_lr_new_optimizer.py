# mistake: builds a new optimizer with the new lr and returns it; the optimizer passed in is unchanged
# targets: test_set_lr
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    params = [p for group in optimizer.param_groups for p in group["params"]]
    return optim.SGD(params, lr=lr, momentum=optimizer.defaults["momentum"])
