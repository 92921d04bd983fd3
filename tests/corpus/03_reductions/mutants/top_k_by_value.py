# mistake: ranks the entries by their values, not their absolute values: large negative entries are left out
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    return x.topk(k, dim=dim)
