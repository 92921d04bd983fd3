# why: returns torch.topk's own (values, indices) named tuple
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    return x.topk(k, dim=dim)
