# mistake: takes the last k of an ascending sort, which are the largest but in ascending order
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    values, indices = x.sort(dim=dim)
    n = x.shape[dim]
    return values.narrow(dim, n - k, k), indices.narrow(dim, n - k, k)
