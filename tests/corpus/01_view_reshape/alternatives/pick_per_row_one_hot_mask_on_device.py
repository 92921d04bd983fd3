# why: a one-hot boolean mask (column number == idx[i]) selects one entry per row, in row order; the column numbers are made on idx's device
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    mask = torch.arange(x.shape[1], device=idx.device).unsqueeze(0) == idx.unsqueeze(1)
    return x[mask]
