# mistake: uses the legacy torch.Tensor(a) for the copy, which converts to float32
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.Tensor(a)
