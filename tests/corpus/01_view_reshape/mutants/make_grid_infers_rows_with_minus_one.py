# mistake: lets view infer the row count with -1, which is ambiguous (RuntimeError) when the grid has 0 elements
# targets: test_make_grid
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols, dtype=dtype).view(-1, cols)
