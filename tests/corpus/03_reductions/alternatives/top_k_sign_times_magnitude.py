# why: the magnitudes come from topk itself; the signs are read at the same positions and multiplied back
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    magnitudes, indices = x.abs().topk(k, dim=dim)
    return magnitudes * x.gather(dim, indices).sign(), indices
