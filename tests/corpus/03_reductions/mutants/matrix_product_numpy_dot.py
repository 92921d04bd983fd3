# mistake: goes through np.dot, which accepts any rank, and returns float64 results for float32 inputs
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy(np.dot(a.numpy().astype(np.float64), b.numpy().astype(np.float64)))
