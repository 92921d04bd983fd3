# mistake: scales x in place with mul_, changing the caller's tensor
# targets: test_scale_channels
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return x.mul_(w[:, None, None])
