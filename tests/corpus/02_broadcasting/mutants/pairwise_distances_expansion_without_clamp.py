# mistake: uses |x|^2 + |y|^2 - 2 x.y and takes sqrt without clamping rounding errors at 0 (nan for equal points)
# targets: test_pairwise_distances
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    xx = (x * x).sum(dim=1)[:, None]
    yy = (y * y).sum(dim=1)[None, :]
    return (xx + yy - 2 * x @ y.T).sqrt()
