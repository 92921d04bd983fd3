# mistake: adds only one trailing size-1 dim, so w of shape (C, 1) lines up with H
# targets: test_scale_channels
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return x * w.unsqueeze(-1)
