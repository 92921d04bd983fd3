# mistake: returns t.tolist(), a Python list, not an ndarray
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.tolist()
