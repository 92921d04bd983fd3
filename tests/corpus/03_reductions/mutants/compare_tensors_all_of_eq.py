# mistake: leaves out the shape check: (a == b) | both-nan, then all(), broadcasts, so different shapes can count as the same
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    return mask, bool((mask | (a.isnan() & b.isnan())).all())
