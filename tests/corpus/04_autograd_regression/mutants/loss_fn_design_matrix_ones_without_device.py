# mistake: builds the design matrix with torch.ones(n, 1) without device=, a CPU tensor that cannot be joined with inputs on a GPU
# targets: test_loss_fn
# %% loss_fn
def loss_fn(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    A = torch.cat([x.pow(2), torch.ones(x.shape[0], 1, dtype=x.dtype)], dim=1)
    theta = torch.cat([w, b], dim=0)
    residual = A.mm(theta) - y
    return 0.5 * (residual ** 2).sum()
