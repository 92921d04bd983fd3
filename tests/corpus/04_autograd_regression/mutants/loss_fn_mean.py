# mistake: averages the squared errors instead of summing them
# targets: test_loss_fn
# %% loss_fn
def loss_fn(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (0.5 * (x.pow(2).mm(w) + b - y) ** 2).mean()
