# mistake: uses x.max(dim) / x.min(dim), which take a single int (no None, no tuple)
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    return x.max(dim=dim, keepdim=keepdim).values - x.min(dim=dim, keepdim=keepdim).values
