# mistake: the stable formula with log(1 + t) instead of log1p(t): for very negative x, 1 + exp(x) rounds to 1 and the small positive value becomes 0
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return x.clamp(min=0) + torch.log(1 + torch.exp(-x.abs()))
