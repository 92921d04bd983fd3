# mistake: view raises RuntimeError for transposed inputs where reshape would copy
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.view(shape)
