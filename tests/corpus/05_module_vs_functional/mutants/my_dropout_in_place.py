# mistake: zeroes and scales x in place, modifying the caller's tensor
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    if p >= 1:
        return x.zero_()
    return x.mul_((torch.rand_like(x) >= p).to(x.dtype)).div_(1 - p)
