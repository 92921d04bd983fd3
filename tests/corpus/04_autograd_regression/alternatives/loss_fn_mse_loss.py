# why: F.mse_loss with reduction="sum" is the sum of squared errors; broadcasting x**2 * w replaces mm
# %% loss_fn
import torch.nn.functional as F


def loss_fn(x, y, w, b):
    return 0.5 * F.mse_loss(x ** 2 * w + b, y, reduction="sum")
