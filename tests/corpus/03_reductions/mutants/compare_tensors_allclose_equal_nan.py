# mistake: allclose(rtol=0, atol=0, equal_nan=True) without a shape check: it broadcasts, so different shapes can count as the same
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return a == b, torch.allclose(a, b, rtol=0, atol=0, equal_nan=True)
