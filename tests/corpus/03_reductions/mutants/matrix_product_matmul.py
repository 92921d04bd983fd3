# mistake: uses @ (matmul), which adapts to any rank instead of raising for non-2-D inputs
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b
