# mistake: computes the range in NumPy (np.ptp of x.numpy()): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_value_range
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    return torch.from_numpy(np.array(np.ptp(x.numpy(), axis=dim, keepdims=keepdim), dtype=x.numpy().dtype))
