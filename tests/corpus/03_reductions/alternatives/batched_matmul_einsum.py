# why: einsum names the shared k and broadcasts a batch dim of size 1 as well; it would also broadcast a k of 1, so the sizes are checked first
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(f"the last sizes differ: {a.shape[-1]} and {b.shape[-1]}")
    return torch.einsum("bnk,bmk->bnm", a, b)
