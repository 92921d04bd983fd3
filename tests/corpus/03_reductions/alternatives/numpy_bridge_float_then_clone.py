# why: .float() converts (or returns the tensor itself for float32); clone() then makes the copy independent in every case
# %% numpy_bridge
def numpy_bridge(a: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    shared = torch.from_numpy(a)
    return shared, shared.float().clone()
