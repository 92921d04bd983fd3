# why: t.data is a detached view of the same memory, so .numpy() on it shares memory too
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.data.numpy()
