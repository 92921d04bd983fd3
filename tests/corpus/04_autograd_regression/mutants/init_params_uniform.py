# mistake: draws w with rand (uniform) instead of randn
# targets: test_init_params
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    w = torch.rand(1, 1, requires_grad=True)
    b = torch.zeros(1, 1, requires_grad=True)
    return w, b
