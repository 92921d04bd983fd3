# mistake: min(|x|, delta) against torch.full(x.shape, delta) made without device=, a CPU tensor that cannot meet x on a GPU
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs()
    q = torch.minimum(a, torch.full(x.shape, delta, dtype=x.dtype))
    return 0.5 * q * q + delta * (a - q)
