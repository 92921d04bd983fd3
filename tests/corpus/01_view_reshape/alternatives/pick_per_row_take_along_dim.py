# why: torch.take_along_dim (NumPy's take_along_axis) on dim 1, then drop the kept dim by indexing
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return torch.take_along_dim(x, idx[:, None], dim=1)[:, 0]
