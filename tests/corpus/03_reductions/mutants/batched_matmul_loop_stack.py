# mistake: loops over a's batch and stacks the products (breaks for a batch of size 0 and for a of batch 1)
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.stack([a[i] @ b[i if b.shape[0] > 1 else 0].T for i in range(a.shape[0])])
