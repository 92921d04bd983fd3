# why: advanced indexing with a row-number tensor paired with idx
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return x[torch.arange(x.shape[0]), idx]
