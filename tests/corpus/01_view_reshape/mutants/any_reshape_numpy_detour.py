# mistake: reshapes through NumPy (x.numpy().reshape, then from_numpy): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, start_dim: int) -> torch.Tensor:
    values = x.numpy()
    return torch.from_numpy(values.reshape(values.shape[:start_dim] + (int(np.prod(values.shape[start_dim:])),)))
