# mistake: calls topk without passing dim, so it always works on the last dim
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    indices = x.abs().topk(k).indices
    return x.gather(-1, indices), indices
