# mistake: multiplies element-wise with * instead of a matrix product
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a * b
