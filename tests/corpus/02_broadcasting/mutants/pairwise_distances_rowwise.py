# mistake: subtracts x - y directly (row i with row i) instead of forming every pair
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (x - y).pow(2).sum(dim=1, keepdim=True).sqrt()
