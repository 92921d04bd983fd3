# why: offsets into the row-major flattened tensor (row i starts at i * m), the row numbers made on x's device
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    n, m = x.shape
    return x.reshape(-1)[torch.arange(n, device=x.device) * m + idx]
