# why: as_tensor shares when the dtype already matches; to(float32, copy=True) always makes a new tensor
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    shared = torch.as_tensor(a)
    return shared, shared.to(torch.float32, copy=True)
