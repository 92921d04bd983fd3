# mistake: drops entries in eval mode too
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if p >= 1:
        return x * 0
    return x * (torch.rand_like(x) >= p).to(x.dtype) / (1 - p)
