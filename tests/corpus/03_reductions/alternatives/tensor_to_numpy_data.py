# why: t.data is a detached view of the same memory; astype(copy=False) keeps it when the dtype already matches
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.data.numpy().astype(dtype, copy=False)
