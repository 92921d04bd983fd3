# why: reshape views a contiguous input and copies when no view is possible; PyTorch does not promise which it does, but the checks test the contract (shared storage when a view is possible), which today's reshape meets; the merged size comes from math.prod
# %% any_reshape
import math


def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return torch.reshape(x, (*x.shape[:start_dim], math.prod(x.shape[start_dim:])))
