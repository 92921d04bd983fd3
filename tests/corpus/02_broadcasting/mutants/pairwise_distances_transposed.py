# mistake: inserts the size-1 dims the other way round and gets the (m, n) transposed matrix
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    diff = x.unsqueeze(0) - y.unsqueeze(1)
    return diff.pow(2).sum(dim=2).sqrt()
