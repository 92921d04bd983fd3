# mistake: uses the deprecated x.norm (torch.norm), which reads a tuple dim as the two dims of a matrix norm and raises for three or more dims
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x / x.norm(dim=dim, keepdim=True).clamp(min=1e-12)
