# mistake: excuses every nan of a, so a nan facing a number still counts as equal
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    return mask, a.shape == b.shape and bool((mask | torch.isnan(a)).all())
