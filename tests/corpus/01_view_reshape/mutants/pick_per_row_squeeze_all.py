# mistake: squeeze() without a dim also drops the row dimension when n == 1
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return x.gather(1, idx.unsqueeze(1)).squeeze()
