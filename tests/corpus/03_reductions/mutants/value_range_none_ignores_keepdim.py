# mistake: handles dim=None with x.max() - x.min(), dropping keepdim (0-dim instead of all size-1 dims)
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    if dim is None:
        return x.max() - x.min()
    return x.amax(dim=dim, keepdim=keepdim) - x.amin(dim=dim, keepdim=keepdim)
