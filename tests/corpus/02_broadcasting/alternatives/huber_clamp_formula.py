# why: with q = min(|x|, delta), huber = 0.5 q^2 + delta (|x| - q): the same function without where
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs()
    q = a.clamp(max=delta)
    return 0.5 * q * q + delta * (a - q)
