# mistake: torch.tensor for both: neither tensor shares memory with the array
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.tensor(a), torch.tensor(a, dtype=torch.float32)
