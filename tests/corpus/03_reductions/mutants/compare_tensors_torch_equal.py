# mistake: uses torch.equal for same, which says False for two tensors holding nan at the same places
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return a.eq(b), torch.equal(a, b)
