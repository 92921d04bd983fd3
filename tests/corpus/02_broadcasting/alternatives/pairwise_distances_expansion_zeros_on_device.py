# why: the |x|^2 + |y|^2 - 2 x.y expansion, floored at zeros made with device=x.device before sqrt
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    xx = x.pow(2).sum(dim=1, keepdim=True)
    yy = y.pow(2).sum(dim=1).unsqueeze(0)
    squared = xx + yy - 2 * (x @ y.T)
    return torch.maximum(squared, torch.zeros(squared.shape, dtype=x.dtype, device=x.device)).sqrt()
