# mistake: raises for every non-contiguous input, although view can still split dims or add size-1 dims there
# targets: test_strict_view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    if not x.is_contiguous():
        raise RuntimeError("x is not contiguous, cannot view")
    return x.view(shape)
