# why: numpy(force=True) detaches (and would move to the CPU) by itself; on a CPU tensor it still shares memory
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.numpy(force=True)
