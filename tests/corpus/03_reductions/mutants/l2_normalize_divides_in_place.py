# mistake: divides x in place (div_), changing the caller's tensor
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return x.div_(x.norm(dim=dim, keepdim=True).clamp(min=1e-12))
