# why: looks the class and its extra setting up in a dict (KeyError turned into ValueError); settings written into each group
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    table = {"sgd": (optim.SGD, {"momentum": momentum}), "adam": (optim.Adam, {"betas": betas})}
    try:
        cls, extra = table[name.lower()]
    except KeyError:
        raise ValueError(f"unknown optimizer: {name!r}") from None
    named = dict(model.named_parameters())
    groups = [{"params": [named[n] for n in named if n.endswith("weight")], "lr": lr, "weight_decay": weight_decay, **extra},
              {"params": [named[n] for n in named if n.endswith("bias")], "lr": lr + lr, "weight_decay": 0.0, **extra}]
    return cls(groups)
