# mistake: copies with torch.tensor(a) but keeps a's dtype instead of converting to float32
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(a), torch.tensor(a)
