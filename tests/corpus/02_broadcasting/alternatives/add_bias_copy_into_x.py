# why: copy_ writes the new values into x's memory and raises when they do not fit x's shape
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x.copy_(x + b)
    return x
