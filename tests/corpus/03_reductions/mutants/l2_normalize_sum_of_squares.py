# mistake: divides by the sum of squares, forgetting the square root
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x / x.pow(2).sum(dim=dim, keepdim=True).clamp(min=1e-12)
