# mistake: makes the divisors float64, so a float32 input comes back as float64 (type promotion)
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    n = x.shape[dim]
    shape = [1] * x.dim()
    shape[dim] = n
    counts = torch.arange(1, n + 1, dtype=torch.float64).view(shape)
    return x.cumsum(dim=dim) / counts
