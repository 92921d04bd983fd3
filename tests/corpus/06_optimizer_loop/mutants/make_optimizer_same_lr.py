# mistake: gives the bias group the same lr as the weights instead of 2 * lr
# targets: test_make_optimizer
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    groups = [{"params": weights, "weight_decay": weight_decay}, {"params": biases, "weight_decay": 0.0}]
    if name.lower() == "sgd":
        return optim.SGD(groups, lr=lr, momentum=momentum)
    if name.lower() == "adam":
        return optim.Adam(groups, lr=lr, betas=betas)
    raise ValueError(name)
