# mistake: zeroes the non-positive entries of x in place before selecting the non-zero ones
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    x[x <= 0] = 0
    return x[x != 0]
