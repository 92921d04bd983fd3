# why: a descending sort of the magnitudes along dim, the first k positions, then x's entries at those positions
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    _, order = torch.sort(x.abs(), dim=dim, descending=True)
    indices = order.narrow(dim, 0, k)
    return x.gather(dim, indices), indices
