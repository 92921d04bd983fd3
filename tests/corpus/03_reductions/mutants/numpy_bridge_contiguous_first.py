# mistake: makes the array contiguous before from_numpy, which copies a non-contiguous array
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(np.ascontiguousarray(a)), torch.tensor(a, dtype=torch.float32)
