# mistake: lets -1 infer the merged size, which PyTorch cannot do when x has no elements (shape (0, 3), start_dim=1)
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.reshape(*x.shape[:start_dim], -1)
