# mistake: ignores the dtype argument and returns an array of t's own dtype
# targets: test_tensor_to_numpy
# %% tensor_to_numpy
def tensor_to_numpy(t: torch.Tensor, dtype: str) -> np.ndarray:
    return t.detach().numpy()
