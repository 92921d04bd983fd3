# why: q = min(|x|, delta) with the delta tensor from torch.full_like, which follows x's shape, dtype and device
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs()
    q = torch.minimum(a, torch.full_like(a, delta))
    return 0.5 * q * q + delta * (a - q)
