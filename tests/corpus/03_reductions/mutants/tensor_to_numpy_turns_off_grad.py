# mistake: switches off requires_grad on the caller's tensor instead of detaching
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.requires_grad_(False).numpy().astype(dtype, copy=False)
