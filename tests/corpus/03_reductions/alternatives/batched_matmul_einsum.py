# why: einsum broadcasts a batch dim of size 1 as well
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bnk,bkm->bnm", a, b)
