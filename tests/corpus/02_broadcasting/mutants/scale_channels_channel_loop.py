# mistake: loops over the channels and stacks them (breaks for 0 channels)
# targets: test_scale_channels
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return torch.stack([x[:, c] * w[c] for c in range(x.shape[1])], dim=1)
