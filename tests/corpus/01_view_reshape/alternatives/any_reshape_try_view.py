# why: tries view first and falls back to a contiguous copy only when view raises
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    try:
        return x.view(shape)
    except RuntimeError:
        return x.clone(memory_format=torch.contiguous_format).view(shape)
