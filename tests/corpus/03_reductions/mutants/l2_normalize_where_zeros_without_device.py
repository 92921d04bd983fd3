# mistake: picks torch.zeros(x.shape) for all-zero slices, made without device=: a CPU tensor that torch.where cannot mix with x on a GPU
# targets: test_l2_normalize
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    norm = torch.linalg.vector_norm(x, dim=dim, keepdim=True)
    return torch.where(norm > 0, x / norm, torch.zeros(x.shape, dtype=x.dtype))
