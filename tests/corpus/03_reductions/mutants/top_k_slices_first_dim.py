# mistake: sorts along dim but slices the first k along dim 0 with [:k]
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    _, order = x.abs().sort(dim=dim, descending=True)
    return x.gather(dim, order)[:k], order[:k]
