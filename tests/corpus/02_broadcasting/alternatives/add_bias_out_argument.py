# why: torch.add with out=x writes the sum into x's own memory (and refuses to resize it)
# %% add_bias_
def add_bias_(x: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.add(x, b, out=x)
