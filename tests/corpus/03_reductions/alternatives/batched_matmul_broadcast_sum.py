# why: pairs every row of a[i] with every row of b[i] by broadcasting (B, n, 1, k) * (B, 1, m, k) and sums over k (after checking k, which broadcasting would stretch from 1)
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(f"the last sizes differ: {a.shape[-1]} and {b.shape[-1]}")
    return (a[:, :, None, :] * b[:, None, :, :]).sum(dim=-1)
