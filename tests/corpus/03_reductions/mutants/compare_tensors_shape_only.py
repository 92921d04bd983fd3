# mistake: same only compares the shapes, not the values
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return a.eq(b), a.shape == b.shape
