# mistake: multiplies the survivors by 1 - p instead of dividing by it
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    return x * (torch.rand_like(x) >= p).to(x.dtype) * (1 - p)
