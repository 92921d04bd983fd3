# mistake: rebuilds the result from Python numbers with torch.tensor, losing x's dtype (and failing for n == 0)
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return torch.tensor([x[i, idx[i]].item() for i in range(x.shape[0])])
