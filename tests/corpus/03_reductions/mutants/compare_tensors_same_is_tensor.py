# mistake: returns same as a 0-dim bool tensor instead of a Python bool
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    return mask, (mask | (a.isnan() & b.isnan())).all() & (a.shape == b.shape)
