# mistake: torch.where with a mask from torch.rand(x.shape) made without device=: the mask is on the CPU while x may be on a GPU
# targets: test_my_dropout
# %% my_dropout
def my_dropout(x, p, training):
    if training:
        keep = torch.rand(x.shape) >= p
        return torch.where(keep, x / (1 - p) if p < 1 else x, torch.zeros_like(x))
    return x
