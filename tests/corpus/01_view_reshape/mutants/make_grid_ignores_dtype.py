# mistake: builds the grid with arange's default dtype (int64) and never uses the dtype argument
# targets: test_make_grid
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols).view(rows, cols)
