# mistake: view raises RuntimeError for transposed inputs where reshape would copy
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.view(tuple(x.shape[:start_dim]) + (x.shape[start_dim:].numel(),))
