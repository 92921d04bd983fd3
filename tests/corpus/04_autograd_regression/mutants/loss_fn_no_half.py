# mistake: forgets the factor 0.5
# targets: test_loss_fn
# %% loss_fn
def loss_fn(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return ((x.pow(2).mm(w) + b - y) ** 2).sum()
