# mistake: compares with the in-place a.eq_(b), which overwrites a with 0/1 (and cannot grow a to a larger b)
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    same = torch.equal(a, b)
    return a.eq_(b).bool(), same
