# mistake: builds x with arange, which excludes the end point 1
# targets: test_make_data
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    x = (torch.arange(n) * (2 / n) - 1).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(x.size())
    return x, y
