# mistake: max(x, 0) as torch.maximum against torch.zeros(x.shape) made without device=, a CPU tensor that cannot meet x on a GPU
# targets: test_softplus
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.maximum(x, torch.zeros(x.shape, dtype=x.dtype)) + torch.log1p(torch.exp(-x.abs()))
