# mistake: lets nan equal nan in the mask too, where a == b must be False for every nan
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = (a == b) | (a.isnan() & b.isnan())
    return mask, a.shape == b.shape and bool(mask.all())
