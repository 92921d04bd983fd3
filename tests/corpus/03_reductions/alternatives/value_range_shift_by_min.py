# why: subtracts the minimum (kept for broadcasting) and then takes the maximum
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    low = torch.amin(x, dim=dim, keepdim=True)
    return torch.amax(x - low, dim=dim, keepdim=keepdim)
