# mistake: never passes keepdim on, so reduced dims always disappear
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    return x.amax(dim=dim) - x.amin(dim=dim)
