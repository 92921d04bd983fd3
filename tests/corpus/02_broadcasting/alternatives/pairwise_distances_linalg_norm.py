# why: broadcasting with unsqueeze, then the vector norm over the last dim
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return torch.linalg.vector_norm(x.unsqueeze(1) - y.unsqueeze(0), dim=-1)
