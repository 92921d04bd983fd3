# mistake: clones "to be safe", so the result no longer shares storage with x and writes do not go through
# targets: test_strict_view
# %% strict_view
def strict_view(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.clone().view(shape)
