# mistake: reshapes through NumPy (x.numpy().reshape, then from_numpy): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_any_reshape
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return torch.from_numpy(x.numpy().reshape(shape))
