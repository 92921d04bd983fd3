# mistake: computes the result in NumPy and wraps it again, cutting it from the autograd graph
# targets: test_my_dropout
# %% my_dropout
import numpy as np


def my_dropout(x, p, training):
    if not training:
        return x
    values = x.detach().numpy()
    if p >= 1:
        return torch.tensor(np.zeros_like(values))
    mask = np.random.rand(*values.shape) >= p
    return torch.tensor(values * mask / (1 - p))
