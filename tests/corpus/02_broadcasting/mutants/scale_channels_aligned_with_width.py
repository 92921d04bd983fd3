# mistake: multiplies by w directly, so w of shape (C,) lines up with the last dim W
# targets: test_scale_channels
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return x * w
