# why: the design matrix (x**2, 1) times (w, b); x.new_ones makes the column of ones with x's dtype and device
# %% loss_fn
def loss_fn(x, y, w, b):
    A = torch.cat([x.pow(2), x.new_ones(x.shape[0], 1)], dim=1)
    residual = A @ torch.cat([w, b]) - y
    return 0.5 * residual.pow(2).sum()
