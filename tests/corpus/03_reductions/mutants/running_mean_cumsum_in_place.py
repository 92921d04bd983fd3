# mistake: accumulates into x with the in-place cumsum_ and div_, overwriting the caller's tensor
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    counts = torch.ones_like(x).cumsum(dim=dim)
    return x.cumsum_(dim=dim).div_(counts)
