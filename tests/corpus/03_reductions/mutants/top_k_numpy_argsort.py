# mistake: sorts through NumPy (np.argsort on x.numpy()): right on the CPU, but .numpy() fails for a tensor on a GPU
# targets: test_top_k
# %% top_k
def top_k(x: torch.Tensor, k: int, dim: int = -1) -> tuple[torch.Tensor, torch.Tensor]:
    order = torch.from_numpy(np.argsort(-np.abs(x.numpy()), axis=dim, kind="stable"))
    indices = order.narrow(dim, 0, k)
    return x.gather(dim, indices), indices
