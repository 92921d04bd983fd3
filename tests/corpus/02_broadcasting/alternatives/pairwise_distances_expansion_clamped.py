# why: |x|^2 + |y|^2 - 2 x.y broadcast to (n, m), clamped at 0 before sqrt so rounding cannot give nan
# %% pairwise_distances
def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    xx = x.pow(2).sum(dim=1, keepdim=True)
    yy = y.pow(2).sum(dim=1).unsqueeze(0)
    return (xx + yy - 2 * (x @ y.T)).clamp(min=0).sqrt()
