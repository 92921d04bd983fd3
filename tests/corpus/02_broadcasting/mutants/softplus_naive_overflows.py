# mistake: the textbook formula log(1 + exp(x)) overflows to inf for large x
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.log(1 + torch.exp(x))
