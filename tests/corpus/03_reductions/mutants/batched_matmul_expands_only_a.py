# mistake: expands a to b's batch size and uses bmm, so a batch of 1 in b is not broadcast
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.bmm(a.expand(b.shape[0], -1, -1), b.mT)
