# mistake: uses linspace(0, rows*cols, rows*cols) as if it excluded the end like arange, so values are stretched
# targets: test_make_grid
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.linspace(0, rows * cols, rows * cols).to(dtype).view(rows, cols)
