# mistake: drops entries but does not scale the survivors by 1/(1-p)
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    return x * (torch.rand_like(x) >= p).to(x.dtype)
