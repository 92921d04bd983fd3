# mistake: converts the mask to a's dtype (numbers 0/1) instead of returning the bool tensor the comparison gives
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return (a == b).to(a.dtype), torch.equal(a, b)
