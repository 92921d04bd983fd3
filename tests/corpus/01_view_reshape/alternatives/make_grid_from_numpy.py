# why: creates the grid in NumPy and converts it with torch.tensor(..., dtype=dtype)
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.tensor(np.arange(rows * cols).reshape(rows, cols), dtype=dtype)
