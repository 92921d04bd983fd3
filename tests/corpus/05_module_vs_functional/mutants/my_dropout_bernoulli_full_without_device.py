# mistake: builds the keep probabilities with torch.full(x.shape, 1 - p) without device=, so the Bernoulli mask is on the CPU
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x
    keep = torch.bernoulli(torch.full(x.shape, 1.0 - p, dtype=x.dtype))
    return x * keep / (1 - p) if p < 1 else x * keep
