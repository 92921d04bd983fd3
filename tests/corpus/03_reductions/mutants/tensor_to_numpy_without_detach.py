# mistake: calls t.numpy() directly, which raises for a tensor that requires grad
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.numpy().astype(dtype, copy=False)
