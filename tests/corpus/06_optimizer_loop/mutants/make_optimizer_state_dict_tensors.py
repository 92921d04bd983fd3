# mistake: takes the tensors from model.state_dict(), which are detached from the parameters: they get no .grad, so step() never moves the model
# targets: test_make_optimizer
# %% make_optimizer
def make_optimizer(model: nn.Module, name: str, lr: float, weight_decay: float, momentum: float = 0.9,
                   betas: tuple[float, float] = (0.9, 0.999)) -> optim.Optimizer:
    state = model.state_dict()
    groups = [{"params": [t for n, t in state.items() if n.endswith("weight")], "lr": lr, "weight_decay": weight_decay},
              {"params": [t for n, t in state.items() if n.endswith("bias")], "lr": 2 * lr, "weight_decay": 0.0}]
    if name.lower() == "sgd":
        return optim.SGD(groups, lr=lr, momentum=momentum)
    if name.lower() == "adam":
        return optim.Adam(groups, lr=lr, betas=betas)
    raise ValueError(name)
