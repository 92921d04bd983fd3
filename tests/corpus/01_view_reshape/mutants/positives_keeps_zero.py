# mistake: uses >= 0, so zeros are counted as positive
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    return x[x >= 0]
