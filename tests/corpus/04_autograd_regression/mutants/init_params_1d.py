# mistake: creates parameters of shape (1,) instead of (1, 1)
# targets: test_init_params
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    return torch.randn(1, requires_grad=True), torch.zeros(1, requires_grad=True)
