# why: converts on the torch side: .to(dtype) returns the detached tensor itself when the dtype already matches, and .cpu() of a CPU tensor is itself, so numpy() still shares t's memory
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.detach().cpu().to(getattr(torch, dtype)).numpy()
