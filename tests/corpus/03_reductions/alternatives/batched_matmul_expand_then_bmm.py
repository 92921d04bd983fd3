# why: broadcasts the batch sizes explicitly with expand, then bmm with b's matrices transposed
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.shape[0] != b.shape[0] and 1 not in (a.shape[0], b.shape[0]):
        raise RuntimeError("batch sizes cannot broadcast")
    size = b.shape[0] if a.shape[0] == 1 else a.shape[0]
    return torch.bmm(a.expand(size, -1, -1), b.transpose(1, 2).expand(size, -1, -1))
