# mistake: returns the absolute values that topk ranked instead of x's own (signed) entries
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    values, indices = x.abs().topk(k, dim=dim)
    return values, indices
