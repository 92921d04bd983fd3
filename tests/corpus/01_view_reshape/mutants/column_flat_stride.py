# mistake: takes every m-th element of the flattened tensor starting at j: wrong for negative j, a copy for non-contiguous x
# targets: test_column
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x.reshape(-1)[j::x.shape[1]]
