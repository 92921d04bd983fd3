# mistake: slices j:j+1, which keeps a (n, 1) shape and is empty for j = -1
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x[:, j:j + 1]
