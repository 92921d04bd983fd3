# why: topk of the magnitudes as a named tuple, then take_along_dim (NumPy's take_along_axis) for the signed values
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    picked = x.abs().topk(k, dim)
    return torch.take_along_dim(x, picked.indices, dim), picked.indices
