# why: contiguous() returns x itself when already contiguous (so view shares storage) and a contiguous copy otherwise
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.contiguous().view(shape)
