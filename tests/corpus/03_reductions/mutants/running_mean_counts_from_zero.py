# mistake: counts 0, 1, ..., n-1 instead of 1, ..., n (division by zero at the first position)
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    counts = torch.ones_like(x).cumsum(dim=dim) - 1
    return x.cumsum(dim=dim) / counts
