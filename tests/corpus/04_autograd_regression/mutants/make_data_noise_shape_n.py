# mistake: noise of shape (n,) is broadcast against x of shape (n, 1), so y becomes (n, n)
# targets: test_make_data
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(n)
    return x, y
