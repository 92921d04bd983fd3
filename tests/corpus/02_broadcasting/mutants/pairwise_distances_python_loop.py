# mistake: loops over the points and stacks the rows (breaks for 0 points)
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    rows = [(y - x[i]).norm(dim=1) for i in range(x.shape[0])]
    return torch.stack(rows)
