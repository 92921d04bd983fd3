# mistake: a Python if on a tensor (works only for one element)
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    if x.abs() <= delta:
        return 0.5 * x ** 2
    return delta * (x.abs() - 0.5 * delta)
