# why: torch.masked_select with a gt(0) mask
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    return torch.masked_select(x, x.gt(0))
