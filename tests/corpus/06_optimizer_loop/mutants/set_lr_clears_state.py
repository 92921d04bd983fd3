# mistake: resets the optimizer's state along with the lr, which throws away the momentum buffers
# targets: test_set_lr
# %% set_lr
from collections import defaultdict


def set_lr(optimizer: optim.Optimizer, lr: float) -> None:
    optimizer.state = defaultdict(dict)
    for group in optimizer.param_groups:
        group["lr"] = lr
