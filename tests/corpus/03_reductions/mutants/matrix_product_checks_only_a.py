# mistake: checks that a is 2-D but lets matmul handle any b (a vector b gives a vector)
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.dim() != 2:
        raise ValueError("a must be a matrix")
    return torch.matmul(a, b)
