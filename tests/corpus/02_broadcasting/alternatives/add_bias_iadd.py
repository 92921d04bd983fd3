# why: x += b is the in-place add_ and keeps x the same object
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    x += b
    return x
