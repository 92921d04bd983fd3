# mistake: torch.where replaces non-positive entries by 0 but keeps x's shape instead of selecting entries
# targets: test_positives
# %% positives
def positives(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x > 0, x, torch.zeros_like(x))
