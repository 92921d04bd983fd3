# mistake: moves dim to the end, but makes the divisors with torch.arange(...) without device=: a CPU tensor that cannot divide x on a GPU
# targets: test_running_mean
# %% running_mean
def running_mean(x: torch.Tensor, dim: int) -> torch.Tensor:
    moved = x.movedim(dim, -1)
    counts = torch.arange(1, moved.shape[-1] + 1, dtype=x.dtype)
    return (moved.cumsum(-1) / counts).movedim(-1, dim)
