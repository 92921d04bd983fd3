# why: a descending sort along dim, then the first k along dim
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    values, indices = torch.sort(x, dim=dim, descending=True)
    return values.narrow(dim, 0, k), indices.narrow(dim, 0, k)
