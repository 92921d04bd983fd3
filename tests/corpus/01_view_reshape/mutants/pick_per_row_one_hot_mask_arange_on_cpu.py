# mistake: the column numbers come from torch.arange(m) without device=: comparing that CPU tensor with idx fails when idx is on a GPU
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    mask = torch.arange(x.shape[1]).unsqueeze(0) == idx.unsqueeze(1)
    return x[mask]
