# mistake: adds in place but returns a clone instead of x itself
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x.add_(b)
    return x.clone()
