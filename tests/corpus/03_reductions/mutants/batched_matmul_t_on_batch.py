# mistake: transposes with .t(), which only handles 2-D tensors and raises for a batch
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b.t()
