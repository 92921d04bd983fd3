# why: max(x, 0) as torch.maximum against x.new_zeros(x.shape), which is made on x's device with x's dtype
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.maximum(x, x.new_zeros(x.shape)) + torch.log1p(torch.exp(-x.abs()))
