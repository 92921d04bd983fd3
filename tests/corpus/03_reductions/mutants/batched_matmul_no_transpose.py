# mistake: multiplies a[i] @ b[i] without transposing b (works only when b's two last sizes allow it, and is wrong then)
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a @ b
