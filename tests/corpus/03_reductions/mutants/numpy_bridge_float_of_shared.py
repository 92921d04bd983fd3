# mistake: converts the shared tensor with .float(), which returns that very tensor when a is already float32
# targets: test_numpy_bridge
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    shared = torch.from_numpy(a)
    return shared, shared.float()
