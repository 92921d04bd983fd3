# mistake: always copies (clone), so a contiguous input does not get a view sharing its storage
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    return x.clone().reshape(tuple(x.shape[:start_dim]) + (x.shape[start_dim:].numel(),))
