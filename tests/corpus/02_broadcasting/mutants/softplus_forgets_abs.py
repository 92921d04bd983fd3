# mistake: max(x, 0) + log1p(exp(-x)) without the absolute value overflows for very negative x
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return x.clamp(min=0) + torch.log1p(torch.exp(-x))
