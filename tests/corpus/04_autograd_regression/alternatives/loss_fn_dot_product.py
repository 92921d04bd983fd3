# why: the sum of squares is the dot product of the flattened residual with itself
# %% loss_fn
def loss_fn(x, y, w, b):
    r = (torch.matmul(x.square(), w) + b - y).flatten()
    return torch.dot(r, r) / 2
