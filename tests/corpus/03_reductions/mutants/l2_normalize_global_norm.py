# mistake: ignores dim and divides by the norm of the whole tensor
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x / x.norm().clamp(min=1e-12)
