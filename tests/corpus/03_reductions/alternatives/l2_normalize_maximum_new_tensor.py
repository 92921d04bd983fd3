# why: the floor 1e-12 as norm.new_tensor(1e-12), a 0-dim tensor with the norm's dtype and device, taken with torch.maximum
# %% l2_normalize
def l2_normalize(x: torch.Tensor, dim: int | tuple[int, ...]) -> torch.Tensor:
    norm = x.pow(2).sum(dim=dim, keepdim=True).sqrt()
    return x / torch.maximum(norm, norm.new_tensor(1e-12))
