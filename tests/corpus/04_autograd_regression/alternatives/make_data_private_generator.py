# why: a private torch.Generator seeded with seed draws the same numbers as torch.manual_seed + torch.rand on the CPU
# %% make_data
def make_data(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.linspace(-1, 1, n).view(-1, 1)
    return x, 3 * x * x + 2 + 0.2 * torch.rand(n, 1, generator=g)
