# mistake: multiplies element-wise with broadcasting instead of multiplying the matrices
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a * b.mT
