# why: allclose with no tolerance (rtol=0, atol=0) and equal_nan=True is exact equality with nan matching nan; the shape check stops its broadcasting
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return torch.eq(a, b), tuple(a.shape) == tuple(b.shape) and torch.allclose(a, b, rtol=0, atol=0, equal_nan=True)
