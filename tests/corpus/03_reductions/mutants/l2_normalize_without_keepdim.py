# mistake: computes the norm without keepdim, so it lines up with the wrong dims when dividing
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x / x.norm(dim=dim).clamp(min=1e-12)
