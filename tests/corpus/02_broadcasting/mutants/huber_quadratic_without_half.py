# mistake: quadratic branch x**2 without the factor 1/2
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs()
    return torch.where(a <= delta, a ** 2, delta * (a - 0.5 * delta))
