# mistake: the first group takes model.parameters(), so the biases are in both groups
# targets: test_make_optimizer
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    groups = [{"params": list(model.parameters()), "lr": lr, "weight_decay": weight_decay},
              {"params": biases, "lr": 2 * lr, "weight_decay": 0.0}]
    if name.lower() == "sgd":
        return optim.SGD(groups, lr=lr, momentum=momentum)
    if name.lower() == "adam":
        return optim.Adam(groups, lr=lr, betas=betas)
    raise ValueError(name)
