# why: flattens a row-major copy with reshape and indexes it with nonzero's (as_tuple) positions
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    flat = x.reshape(-1)
    (where,) = torch.nonzero(flat > 0, as_tuple=True)
    return flat[where]
