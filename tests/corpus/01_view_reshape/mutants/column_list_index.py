# mistake: indexes with a list [j], which is advanced indexing and returns a copy, not a view
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x[:, [j]][:, 0]
