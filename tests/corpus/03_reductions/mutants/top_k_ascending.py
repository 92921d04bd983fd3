# mistake: sorts the magnitudes ascending and takes the first k: the k smallest absolute values
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    _, order = x.abs().sort(dim=dim)
    indices = order.narrow(dim, 0, k)
    return x.gather(dim, indices), indices
