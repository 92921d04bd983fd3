# mistake: sums absolute differences (Manhattan distance) instead of the Euclidean norm
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return (x[:, None, :] - y[None, :, :]).abs().sum(dim=-1)
