# mistake: passes weight_decay to the optimizer for every group, so the biases are decayed too
# targets: test_make_optimizer
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    groups = [{"params": weights}, {"params": biases, "lr": 2 * lr}]
    if name.lower() == "sgd":
        return optim.SGD(groups, lr=lr, momentum=momentum, weight_decay=weight_decay)
    if name.lower() == "adam":
        return optim.Adam(groups, lr=lr, betas=betas, weight_decay=weight_decay)
    raise ValueError(name)
