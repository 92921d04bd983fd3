# why: torch.equal decides every tensor without nan; otherwise nan must sit at the same places and the rest must match
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    mask = a == b
    if torch.equal(a, b):
        return mask, True
    if a.shape != b.shape or not torch.equal(a.isnan(), b.isnan()):
        return mask, False
    both = a.isnan()
    return mask, torch.equal(a[~both], b[~both])
