# mistake: computes flat offsets with the row count n instead of the row length m
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    n = x.shape[0]
    return x.reshape(-1)[torch.arange(n) * n + idx]
