# mistake: uses the in-place abs_(), which overwrites the caller's x
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs_()
    return torch.where(a <= delta, 0.5 * a * a, delta * (a - 0.5 * delta))
