# mistake: adds in place but forgets to return x (returns None)
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x.add_(b)
