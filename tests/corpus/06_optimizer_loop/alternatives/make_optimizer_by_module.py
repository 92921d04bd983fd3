# why: collects weights and biases from the nn.Linear modules instead of filtering names
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    weights, biases = [], []
    for module in model.modules():
        if isinstance(module, nn.Linear):
            weights.append(module.weight)
            if module.bias is not None:
                biases.append(module.bias)
    if name.lower() not in ("sgd", "adam"):
        raise ValueError(f"no optimizer called {name}")
    groups = [{"params": weights, "lr": lr, "weight_decay": weight_decay},
              {"params": biases, "lr": lr * 2, "weight_decay": 0}]
    if name.lower() == "adam":
        return optim.Adam(groups, betas=betas)
    return optim.SGD(groups, momentum=momentum)
