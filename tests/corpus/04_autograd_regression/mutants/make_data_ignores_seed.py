# mistake: hard-codes the tutorial's seed 100 instead of using the seed argument
# targets: test_make_data
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(100)
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(x.size())
    return x, y
