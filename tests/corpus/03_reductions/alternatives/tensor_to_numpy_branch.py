# why: returns the shared array as it is when the dtypes match and converts only otherwise
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    shared = t.detach().numpy()
    if shared.dtype == np.dtype(dtype):
        return shared
    return shared.astype(dtype)
