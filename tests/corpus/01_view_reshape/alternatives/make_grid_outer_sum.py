# why: row offsets plus column offsets with broadcasting (i * cols + j), no view at all
# %% make_grid
def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    r = torch.arange(rows).unsqueeze(1)
    c = torch.arange(cols).unsqueeze(0)
    return (r * cols + c).to(dtype)
