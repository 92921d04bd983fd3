# mistake: computes the stable formula with clamp_ (in place), which overwrites the caller's x
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    tail = torch.log1p(torch.exp(-x.abs()))
    return x.clamp_(min=0) + tail
