# mistake: divides by a 1-D arange, which lines up with the last dim whatever dim is
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    n = x.shape[dim]
    return x.cumsum(dim=dim) / torch.arange(1, n + 1, dtype=x.dtype)
