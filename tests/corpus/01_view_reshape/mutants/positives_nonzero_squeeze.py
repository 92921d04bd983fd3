# mistake: squeezes the nonzero() indices, so a single positive entry gives a 0-dim result instead of shape (1,)
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    flat = x.flatten()
    return flat[torch.nonzero(flat > 0).squeeze()]
