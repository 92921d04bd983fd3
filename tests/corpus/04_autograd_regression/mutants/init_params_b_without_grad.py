# mistake: b is created without requires_grad=True, so it would never be learned
# targets: test_init_params
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    w = torch.randn(1, 1, requires_grad=True)
    b = torch.zeros(1, 1)
    return w, b
