# mistake: no special case for p = 1, so it computes 0 * (1/0) = nan
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    return x * (torch.rand_like(x) >= p).to(x.dtype) / (1 - p)
