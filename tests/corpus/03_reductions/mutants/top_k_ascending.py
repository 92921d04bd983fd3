# mistake: sorts ascending and takes the first k: the k smallest values
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    values, indices = x.sort(dim=dim)
    return values.narrow(dim, 0, k), indices.narrow(dim, 0, k)
