# why: the product written with broadcasting: (n, k, 1) * (1, k, m) summed over k, after explicit checks
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.dim() != 2 or b.dim() != 2 or a.shape[1] != b.shape[0]:
        raise RuntimeError("expected (n, k) and (k, m) matrices")
    return (a[:, :, None] * b[None, :, :]).sum(dim=1)
