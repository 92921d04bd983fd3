# mistake: uses the in-place unsqueeze_ on the inputs, changing the caller's x and y
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    diff = x.unsqueeze_(1) - y.unsqueeze_(0)
    return diff.pow(2).sum(dim=-1).sqrt()
