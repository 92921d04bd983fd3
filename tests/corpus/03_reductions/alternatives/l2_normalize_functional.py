# why: torch.nn.functional.normalize divides by max(norm, 1e-12) along dim
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    return torch.nn.functional.normalize(x, p=2.0, dim=dim)
