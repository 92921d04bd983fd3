# mistake: uses as_tensor(a, dtype=float32) for the copy, which shares memory with a float32 array
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.as_tensor(a, dtype=torch.float32)
