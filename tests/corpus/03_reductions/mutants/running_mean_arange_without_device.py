# mistake: the divisors come from torch.arange(1, n + 1, dtype=x.dtype) without device=: a CPU tensor that cannot divide x on a GPU
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    n = x.shape[dim]
    shape = [1] * x.dim()
    shape[dim] = n
    counts = torch.arange(1, n + 1, dtype=x.dtype).view(shape)
    return x.cumsum(dim=dim) / counts
