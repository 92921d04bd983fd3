# why: the @ operator is matmul, which broadcasts the batch dim; .mT swaps the last two dims of every matrix in the batch
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b.mT
