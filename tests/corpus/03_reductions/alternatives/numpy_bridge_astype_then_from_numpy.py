# why: NumPy's astype copies by default (even for a float32 array), so from_numpy of its result is independent of a
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.from_numpy(a.astype(np.float32))
