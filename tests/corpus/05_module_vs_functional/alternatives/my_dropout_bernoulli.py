# why: torch.bernoulli draws the keep mask with probability 1 - p directly; eval returns a copy
# %% my_dropout
def my_dropout(x, p, training):
    if not training:
        return x.clone()
    keep = torch.bernoulli(torch.full_like(x, 1.0 - p))
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return x * keep * scale
