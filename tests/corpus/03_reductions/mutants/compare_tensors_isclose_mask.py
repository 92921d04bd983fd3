# mistake: builds the mask with isclose (a tolerance) instead of exact ==
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return torch.isclose(a, b), torch.equal(a, b)
