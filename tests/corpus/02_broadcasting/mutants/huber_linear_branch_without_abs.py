# mistake: the linear branch uses x instead of |x|, so large negative errors give negative values
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    return torch.where(x.abs() <= delta, 0.5 * x ** 2, delta * (x - 0.5 * delta))
