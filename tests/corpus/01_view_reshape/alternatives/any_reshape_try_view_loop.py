# why: multiplies the trailing sizes in a loop, tries view first and falls back to a contiguous copy only when view raises
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    size = 1
    for d in range(start_dim, x.dim()):
        size *= x.shape[d]
    shape = list(x.shape[:start_dim]) + [size]
    try:
        return x.view(shape)
    except RuntimeError:
        return x.clone(memory_format=torch.contiguous_format).view(shape)
