# mistake: clones the column, so writing into the result no longer changes x
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x[:, j].clone()
