# why: contiguous() returns x itself when already contiguous (so view shares storage) and a contiguous copy otherwise
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.contiguous().view(tuple(x.shape[:start_dim]) + (x.shape[start_dim:].numel(),))
