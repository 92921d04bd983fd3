# mistake: returns a flat view (x.view(-1)) instead of the requested shape
# targets: test_strict_view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.view(-1)
