# why: the shapes first, then every position equal or nan on both sides, made a Python bool
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    return mask, a.shape == b.shape and bool((mask | (torch.isnan(a) & torch.isnan(b))).all())
