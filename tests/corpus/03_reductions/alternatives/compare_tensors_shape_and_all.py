# why: same shape and all elements equal is exactly torch.equal; the mask is the == operator
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    return mask, a.shape == b.shape and bool(mask.all())
