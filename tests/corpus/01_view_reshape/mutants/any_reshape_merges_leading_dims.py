# mistake: merges the dims before start_dim instead of those from start_dim on
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.reshape((x.shape[:start_dim].numel(),) + tuple(x.shape[start_dim:]))
