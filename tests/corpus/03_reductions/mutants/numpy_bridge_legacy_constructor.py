# mistake: uses the legacy torch.Tensor(a) for the float32 copy, which shares memory with a float32 array
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.Tensor(a)
