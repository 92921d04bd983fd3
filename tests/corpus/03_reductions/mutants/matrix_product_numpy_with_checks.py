# mistake: checks the ranks, then multiplies through NumPy (a.numpy() @ b.numpy()): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_matrix_product
# %% matrix_product
def matrix_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.dim() != 2 or b.dim() != 2 or a.shape[1] != b.shape[0]:
        raise ValueError("expected (n, k) and (k, m) matrices")
    return torch.from_numpy(a.numpy() @ b.numpy())
