# mistake: fills the grid column by column (view(cols, rows) then transpose) instead of row-major
# targets: test_make_grid
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols, dtype=dtype).view(cols, rows).t()
