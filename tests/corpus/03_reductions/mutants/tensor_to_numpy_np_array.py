# mistake: np.array(...) copies the data, so the array does not share t's memory
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return np.array(t.detach(), dtype=dtype)
