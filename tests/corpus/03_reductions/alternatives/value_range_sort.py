# why: moves the reduced dims to the end, flattens them, sorts, and takes last minus first
# %% value_range
import math


def value_range(x: torch.Tensor, dim: int | tuple[int, ...] | None = None, keepdim: bool = False) -> torch.Tensor:
    nd = x.dim()
    if dim is None:
        dims = list(range(nd))
    else:
        dims = sorted(d % nd for d in (dim if isinstance(dim, tuple) else (dim,)))
    rest = [d for d in range(nd) if d not in dims]
    flat = x.permute(rest + dims).reshape([x.shape[d] for d in rest] + [math.prod(x.shape[d] for d in dims)])
    ordered = flat.sort(dim=-1).values
    out = ordered[..., -1] - ordered[..., 0]
    if keepdim:
        out = out.reshape([1 if d in dims else x.shape[d] for d in range(nd)])
    return out
