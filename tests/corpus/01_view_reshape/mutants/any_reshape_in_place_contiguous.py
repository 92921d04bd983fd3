# mistake: replaces x's data with a contiguous copy in place (x.data = ...), changing the caller's tensor layout
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    if not x.is_contiguous():
        x.data = x.data.contiguous()
    return x.view(tuple(x.shape[:start_dim]) + (x.shape[start_dim:].numel(),))
