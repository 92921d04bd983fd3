# why: checks the ranks itself and then uses @
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.dim() != 2 or b.dim() != 2:
        raise ValueError("matrix_product needs two 2-D tensors")
    return a @ b
