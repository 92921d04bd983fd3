# mistake: clamps the squared distances against torch.zeros(shape) made without device=, a CPU tensor that cannot meet inputs on a GPU
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    xx = x.pow(2).sum(dim=1, keepdim=True)
    yy = y.pow(2).sum(dim=1).unsqueeze(0)
    squared = xx + yy - 2 * (x @ y.T)
    return torch.maximum(squared, torch.zeros(squared.shape, dtype=x.dtype)).sqrt()
