# mistake: draws the noise with randn (normal, can be negative) instead of rand (uniform in [0, 1))
# targets: test_make_data
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.randn(x.size())
    return x, y
