# mistake: divides by the norm directly, so all-zero slices become 0/0 = nan
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x / x.norm(dim=dim, keepdim=True)
