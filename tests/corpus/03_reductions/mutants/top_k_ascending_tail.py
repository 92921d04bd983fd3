# mistake: takes the last k of an ascending sort of the magnitudes, which are the largest but in ascending order
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    _, order = x.abs().sort(dim=dim)
    n = x.shape[dim]
    indices = order.narrow(dim, n - k, k)
    return x.gather(dim, indices), indices
