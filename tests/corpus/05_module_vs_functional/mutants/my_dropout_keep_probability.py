# mistake: keeps an entry with probability p (rand < p) instead of dropping it with probability p
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    if p >= 1:
        return x * 0
    return x * (torch.rand_like(x) < p).to(x.dtype) / (1 - p)
