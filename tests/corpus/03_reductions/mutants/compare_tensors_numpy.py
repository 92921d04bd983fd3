# mistake: compares in NumPy (np.equal / np.array_equal of a.numpy(), b.numpy()): right on the CPU, but .numpy() fails for tensors on a GPU
# targets: test_compare_tensors
# %% compare_tensors
def compare_tensors(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    x, y = a.numpy(), b.numpy()
    same = x.shape == y.shape and bool(np.array_equal(x, y, equal_nan=x.dtype.kind == "f"))
    return torch.from_numpy(np.array(np.equal(x, y))), same
