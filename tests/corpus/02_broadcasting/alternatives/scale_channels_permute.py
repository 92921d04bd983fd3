# why: moves channels last so that w lines up with the last dim, then moves them back
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return (x.permute(0, 2, 3, 1) * w).permute(0, 3, 1, 2)
