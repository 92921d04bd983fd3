# mistake: off by one: keeps dim start_dim and merges only the dims after it
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.reshape(tuple(x.shape[:start_dim + 1]) + (x.shape[start_dim + 1:].numel(),))
