# mistake: reshape silently copies a transposed tensor instead of raising
# targets: test_strict_view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.reshape(shape)
