# mistake: draws the mask with torch.rand(x.shape) without device=, a CPU mask that cannot multiply an x on a GPU
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    if p >= 1:
        return x * 0
    mask = (torch.rand(x.shape) >= p).to(x.dtype)
    return x * mask / (1 - p)
