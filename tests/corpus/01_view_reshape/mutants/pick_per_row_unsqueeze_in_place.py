# mistake: unsqueeze_ reshapes the caller's idx in place to (n, 1)
# targets: test_pick_per_row
# %% pick_per_row
def pick_per_row(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    return x.gather(1, idx.unsqueeze_(1)).squeeze(1)
