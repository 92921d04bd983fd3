# why: walks both shapes from the last dim with zip_longest (missing dims count as 1), then reverses
# %% broadcast_shape
from itertools import zip_longest


def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    out = []
    for m, n in zip_longest(reversed(shape_a), reversed(shape_b), fillvalue=1):
        if m != n and 1 not in (m, n):
            raise ValueError(f"cannot broadcast {m} with {n}")
        out.append(m if n == 1 else n)
    return tuple(out[::-1])
