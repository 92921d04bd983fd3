# why: np.asarray of the detached tensor wraps the same memory without copying
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor) -> np.ndarray:
    return np.asarray(t.detach().cpu())
