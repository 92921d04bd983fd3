# mistake: calls contiguous() first, which copies a non-contiguous tensor
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.detach().contiguous().numpy().astype(dtype, copy=False)
