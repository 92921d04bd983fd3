# mistake: squeeze() after selecting also drops the row dimension when n == 1, giving a 0-dim tensor
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x.narrow(1, j, 1).squeeze()
