# why: the portable t.detach().cpu().numpy(): .cpu() returns a CPU tensor itself (no copy), so the array still shares t's memory
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()
