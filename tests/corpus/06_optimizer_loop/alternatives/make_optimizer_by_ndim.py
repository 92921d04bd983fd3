# why: tells biases from weights by their number of dimensions (every layer is an nn.Linear), settings in the defaults with an override in the bias group
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    weights = [p for p in model.parameters() if p.ndim >= 2]
    biases = [p for p in model.parameters() if p.ndim == 1]
    groups = [{"params": weights}, {"params": biases, "lr": 2 * lr, "weight_decay": 0.0}]
    match name.casefold():
        case "sgd":
            return optim.SGD(groups, lr=lr, momentum=momentum, weight_decay=weight_decay)
        case "adam":
            return optim.Adam(groups, lr=lr, betas=betas, weight_decay=weight_decay)
        case _:
            raise ValueError("name must be 'sgd' or 'adam'")
