# why: moves dim to the end, where a 1-D arange (made on x's device with x's dtype) broadcasts correctly, then moves it back
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    moved = x.movedim(dim, -1)
    counts = torch.arange(1, moved.shape[-1] + 1, dtype=x.dtype, device=x.device)
    return (moved.cumsum(-1) / counts).movedim(-1, dim)
