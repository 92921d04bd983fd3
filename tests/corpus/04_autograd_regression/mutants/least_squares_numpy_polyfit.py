# mistake: fits with NumPy's polyfit through x.numpy(), which fails for tensors on a GPU (call .numpy() only on CPU tensors)
# targets: test_least_squares
# %% least_squares
import numpy as np


def least_squares(x, y):
    w, b = np.polyfit(x.numpy().ravel() ** 2, y.numpy().ravel(), 1)
    return float(w), float(b)
