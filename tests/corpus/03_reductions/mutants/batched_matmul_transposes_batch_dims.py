# mistake: swaps b's first two dims (transpose(0, 1)) instead of the last two
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b.transpose(0, 1)
