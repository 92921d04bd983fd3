# mistake: linear branch delta * (|x| - delta), forgetting the 1/2
# targets: test_huber
# %% huber
def huber(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = x.abs()
    return torch.where(a <= delta, 0.5 * a ** 2, delta * (a - delta))
