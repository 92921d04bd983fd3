# mistake: draws one random number per row, so whole rows are dropped together
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training or x.dim() == 0:
        return x
    if p >= 1:
        return x * 0
    mask = (torch.rand(x.shape[0], *([1] * (x.dim() - 1))) >= p).to(x.dtype)
    return x * mask / (1 - p)
