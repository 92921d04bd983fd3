# why: argsort of the magnitudes, descending, gives the positions; gather reads x's entries at them
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    indices = torch.argsort(torch.abs(x), dim=dim, descending=True).narrow(dim, 0, k)
    return torch.gather(x, dim, indices), indices
