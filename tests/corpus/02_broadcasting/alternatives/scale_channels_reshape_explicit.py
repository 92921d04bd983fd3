# why: reshape with the channel count spelled out works for 0 channels too
# %% scale_channels
def scale_channels(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return x.mul(w.reshape(1, x.shape[1], 1, 1))
