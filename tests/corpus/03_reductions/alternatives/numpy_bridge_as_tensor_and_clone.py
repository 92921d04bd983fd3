# why: as_tensor shares when the dtype already matches; clone() makes the independent copy
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    shared = torch.as_tensor(a)
    return shared, shared.clone()
