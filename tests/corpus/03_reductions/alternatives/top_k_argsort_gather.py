# why: argsort descending gives the positions; gather reads the values at them
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    indices = torch.argsort(x, dim=dim, descending=True).narrow(dim, 0, k)
    return torch.gather(x, dim, indices), indices
