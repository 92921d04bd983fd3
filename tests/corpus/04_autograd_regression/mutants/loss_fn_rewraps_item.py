# mistake: rebuilds the loss from .item(), which cuts it from the autograd graph
# targets: test_loss_fn
# %% loss_fn
def loss_fn(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    return torch.tensor(loss.item(), dtype=x.dtype)
