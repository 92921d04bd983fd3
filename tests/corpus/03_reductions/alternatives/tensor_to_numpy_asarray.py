# why: np.asarray with a dtype wraps the detached tensor's memory when the dtype already matches and converts otherwise
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return np.asarray(t.detach().numpy(), dtype=dtype)
