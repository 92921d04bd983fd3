# mistake: makes b from a 1-D zeros tensor and unsqueezes it: the right value, shape and requires_grad, but b is the output of an operation, not a leaf, so its .grad stays None
# targets: test_init_params
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    w = torch.randn(1, 1, dtype=torch.float, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float, requires_grad=True).unsqueeze(1)
    return w, b
