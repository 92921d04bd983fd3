# why: requires_grad_() on freshly created tensors also gives leaves that require grad
# %% init_params
def init_params(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(seed)
    w = torch.randn(1, 1).requires_grad_()
    b = torch.zeros_like(w).requires_grad_()
    return w, b
