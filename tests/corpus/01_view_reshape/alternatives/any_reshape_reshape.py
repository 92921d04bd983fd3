# why: reshape views a contiguous input and copies when no view is possible; PyTorch does not promise which it does, but the checks test the contract (shared storage when a view is possible), which today's reshape meets
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    return x.reshape(shape)
