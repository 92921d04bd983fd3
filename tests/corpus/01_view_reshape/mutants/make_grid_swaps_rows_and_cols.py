# mistake: lays the values out as cols x rows (the arguments of view swapped), so the grid has the wrong shape
# targets: test_make_grid
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols).view(cols, rows).to(dtype)
