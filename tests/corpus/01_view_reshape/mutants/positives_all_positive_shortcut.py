# mistake: "optimizes" the all-positive case by returning a flattened view of x, which shares its storage
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    if bool((x > 0).all()):
        return x.reshape(-1)
    return x[x > 0]
