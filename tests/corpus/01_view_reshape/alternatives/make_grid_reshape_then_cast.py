# why: builds the default int64 grid with reshape and converts it with .to(dtype) afterwards
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols).reshape(rows, cols).to(dtype)
