# mistake: forgets the square root and returns squared distances
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    diff = x[:, None, :] - y[None, :, :]
    return (diff ** 2).sum(dim=-1)
