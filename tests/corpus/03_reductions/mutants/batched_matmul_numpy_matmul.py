# mistake: multiplies through NumPy (np.matmul broadcasts the batch too): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_batched_matmul
# %% batched_matmul
def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if a.shape[-1] != b.shape[-1]:
        raise ValueError("the inner sizes differ")
    return torch.from_numpy(np.matmul(a.numpy(), np.swapaxes(b.numpy(), 1, 2)))
