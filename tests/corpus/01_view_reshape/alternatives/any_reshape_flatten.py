# why: torch.flatten(x, start_dim) merges exactly those dims, viewing when it can and copying otherwise (x itself when start_dim is the last dim)
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return torch.flatten(x, start_dim)
