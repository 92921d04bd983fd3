# mistake: divides every cumulative sum by the full length n instead of by i + 1
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    return x.cumsum(dim=dim) / max(x.shape[dim], 1)
