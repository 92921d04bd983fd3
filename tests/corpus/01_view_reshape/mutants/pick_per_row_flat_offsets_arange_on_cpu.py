# mistake: row offsets from torch.arange(n) without device=: a CPU tensor added to idx, which fails when x and idx are on a GPU
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    n, m = x.shape
    return x.reshape(-1)[torch.arange(n) * m + idx]
