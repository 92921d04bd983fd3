# why: torch.where picks x / (1 - p) or 0 per entry from a mask drawn with device=x.device; with p = 1 the condition is never true, so no nan appears
# %% my_dropout
def my_dropout(x, p, training):
    if training:
        keep = torch.rand(x.shape, device=x.device) >= p
        return torch.where(keep, x / (1 - p) if p < 1 else x, torch.zeros_like(x))
    return x
