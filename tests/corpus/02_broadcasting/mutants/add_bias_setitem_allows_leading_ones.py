# mistake: x[...] = x + b writes in place but accepts a b with extra leading size-1 dims instead of raising
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x[...] = x + b
    return x
