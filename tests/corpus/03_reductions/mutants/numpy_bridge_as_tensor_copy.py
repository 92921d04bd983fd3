# mistake: uses as_tensor for the copy, which shares memory with the array
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.as_tensor(a)
