# mistake: calls contiguous() first, which copies a non-contiguous x, so x itself is not updated
# targets: test_add_bias_
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return x.contiguous().add_(b)
