# mistake: takes the absolute values in place (abs_), which changes the caller's x
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    signs = x.sign()
    values, indices = x.abs_().topk(k, dim=dim)
    return values * signs.gather(dim, indices), indices
