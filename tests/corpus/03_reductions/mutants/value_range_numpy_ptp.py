# why: np.ptp computes the same range; from_numpy keeps the dtype and axis/keepdims map onto dim/keepdim
# %% value_range
def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    return torch.from_numpy(np.array(np.ptp(x.numpy(), axis=dim, keepdims=keepdim), dtype=x.numpy().dtype))
