# mistake: returns x + b, a new tensor, and leaves x unchanged
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x = x + b
    return x
