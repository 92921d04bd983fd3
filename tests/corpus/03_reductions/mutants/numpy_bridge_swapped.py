# mistake: returns (copied, shared) in the wrong order
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.tensor(a, dtype=torch.float32), torch.from_numpy(a)
