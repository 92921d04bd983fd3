# mistake: astype(dtype) without copy=False, which copies even when the dtype already matches, so the array no longer shares t's memory
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.detach().numpy().astype(dtype)
