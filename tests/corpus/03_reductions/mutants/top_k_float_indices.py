# mistake: returns the positions as floats (computed with arithmetic) instead of int64 indices
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    indices = torch.topk(x.abs(), k, dim=dim).indices
    return x.gather(dim, indices), indices.to(torch.float32)
