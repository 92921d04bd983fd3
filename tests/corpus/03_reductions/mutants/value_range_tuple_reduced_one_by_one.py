# mistake: reduces the dims of a tuple one at a time without keepdim, so later dim numbers point at the wrong dims
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    if not isinstance(dim, tuple):
        return x.amax(dim=dim, keepdim=keepdim) - x.amin(dim=dim, keepdim=keepdim)
    hi, lo = x, x
    for d in dim:
        hi, lo = hi.amax(dim=d, keepdim=keepdim), lo.amin(dim=d, keepdim=keepdim)
    return hi - lo
