# mistake: computes b[i] @ a[i].T, the transposed (B, m, n) result
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return b @ a.mT
