# why: the @ operator is matmul, which broadcasts the batch dim
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b
