# mistake: treats an empty tensor as "nothing to reshape" and returns it with its old shape
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    if x.numel() == 0:
        return x
    return x.reshape(*x.shape[:start_dim], -1)
