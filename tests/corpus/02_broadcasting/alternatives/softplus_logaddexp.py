# why: log(1 + e^x) = log(e^0 + e^x), which logaddexp computes stably
# %% softplus
def softplus(x: torch.Tensor) -> torch.Tensor:
    return torch.logaddexp(x, torch.zeros_like(x))
