# mistake: tests a - b == 0, which is wrong for inf (inf - inf is nan)
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    return (a - b) == 0, torch.equal(a, b)
