# why: picks x + log1p(exp(-x)) for positive x and log1p(exp(x)) otherwise; where only selects, so the overflowing branch is discarded
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x > 0, x + torch.log1p(torch.exp(-x)), torch.log1p(torch.exp(x)))
