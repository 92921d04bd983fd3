# why: unbind(1) splits x into views of its columns; pick the j-th
# %% column
def column(x: torch.Tensor, j: int) -> torch.Tensor:
    return x.unbind(dim=1)[j]
