# mistake: forgets unsqueeze, so x and y are 1-D of shape (n,)
# targets: test_make_data
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    x = torch.linspace(-1, 1, n)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(x.size())
    return x, y
