# why: randn with a private generator gives the same w without touching the global generator
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    w = torch.randn((1, 1), generator=g, requires_grad=True)
    b = torch.tensor([[0.0]], requires_grad=True)
    return w, b
