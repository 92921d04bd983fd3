# why: a.copy() is a new array, so from_numpy of it is independent of a
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.from_numpy(a.copy())
