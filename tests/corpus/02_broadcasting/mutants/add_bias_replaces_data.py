# mistake: assigns x.data = x + b: same object, but new memory, and x silently grows when b is bigger
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x.data = x + b
    return x
