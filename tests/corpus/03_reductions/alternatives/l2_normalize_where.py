# why: the sum of squares kept with keepdim, and where picks 0 for all-zero slices
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    norm = x.pow(2).sum(dim=dim, keepdim=True).sqrt()
    return torch.where(norm > 0, x / norm, torch.zeros_like(x))
