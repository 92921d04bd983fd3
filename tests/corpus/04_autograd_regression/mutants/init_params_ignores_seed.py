# mistake: never seeds the generator, so w does not depend on the seed argument
# targets: test_init_params
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    w = torch.randn(1, 1, requires_grad=True)
    b = torch.zeros(1, 1, requires_grad=True)
    return w, b
