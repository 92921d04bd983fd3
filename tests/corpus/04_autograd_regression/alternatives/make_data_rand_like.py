# why: rand_like draws x's shape from the global generator; noise first, then the formula in another order
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    x = torch.linspace(-1.0, 1.0, steps=n)[:, None]
    noise = torch.rand_like(x)
    y = noise * 0.2 + (x ** 2) * 3 + 2
    return x, y
