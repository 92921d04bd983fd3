# mistake: for p = 1 returns a new torch.zeros_like(x), which is cut from the autograd graph although x requires grad
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    if p >= 1:
        return torch.zeros_like(x)
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask / (1 - p)
