# why: numpy(force=True) detaches by itself; on a CPU tensor it still shares memory
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.numpy(force=True).astype(dtype, copy=False)
