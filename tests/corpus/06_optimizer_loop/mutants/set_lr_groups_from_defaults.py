# mistake: rebuilds every param group from optimizer.defaults, so groups that had their own momentum or weight_decay lose them
# targets: test_set_lr
# %% set_lr
def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    for i, group in enumerate(optimizer.param_groups):
        optimizer.param_groups[i] = {**optimizer.defaults, "params": group["params"], "lr": lr}
