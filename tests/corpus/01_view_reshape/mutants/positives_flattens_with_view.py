# mistake: flattens with view(-1), which raises RuntimeError for non-contiguous (transposed) inputs
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    flat = x.view(-1)
    return flat[flat > 0]
