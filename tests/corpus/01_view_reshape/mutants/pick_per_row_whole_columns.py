# mistake: x[:, idx] picks whole columns, giving an (n, n) matrix instead of one value per row
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return x[:, idx]
