# mistake: treats the batch of a as extra rows, mm-ing (Ba*n, k) with b[0].T only
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    Ba, n, k = a.shape
    return torch.mm(a.reshape(Ba * n, k), b[0].t()).reshape(Ba, n, -1)
