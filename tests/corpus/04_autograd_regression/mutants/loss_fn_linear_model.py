# mistake: uses the linear model w * x + b instead of w * x**2 + b
# targets: test_loss_fn
# %% loss_fn
def loss_fn(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (0.5 * (x.mm(w) + b - y) ** 2).sum()
