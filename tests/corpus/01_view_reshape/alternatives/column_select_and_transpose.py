# why: Tensor.select on dim 1 for column, and (in another form) indexing the transposed view
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x.select(1, j) if j >= 0 else x.t()[j]
