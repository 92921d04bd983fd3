# mistake: computes in float, so integer inputs come back as floats (the dtype must be kept)
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    y = x.double()
    return y.amax(dim=dim, keepdim=keepdim) - y.amin(dim=dim, keepdim=keepdim)
