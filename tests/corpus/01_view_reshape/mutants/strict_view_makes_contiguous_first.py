# mistake: calls contiguous() before view, which copies non-contiguous inputs instead of raising or viewing them
# targets: test_strict_view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.contiguous().view(shape)
