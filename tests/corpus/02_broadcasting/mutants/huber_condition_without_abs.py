# mistake: tests x <= delta instead of |x| <= delta, so large negative errors stay quadratic
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    return torch.where(x <= delta, 0.5 * x ** 2, delta * (x.abs() - 0.5 * delta))
