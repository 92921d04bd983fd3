# why: passes the shape as separate arguments to Tensor.view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return torch.Tensor.view(x, *shape)
