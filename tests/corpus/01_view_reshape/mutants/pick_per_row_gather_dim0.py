# mistake: gathers along dim 0, which gives x[idx[j], j] (rows and columns swapped)
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return x.gather(0, idx.unsqueeze(0)).squeeze(0)
