# mistake: multiplies by b transposed (a @ b.T), as if b held the columns as rows
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.mm(a, b.t())
