# mistake: checks compatibility but takes max(m, n), so size 1 against size 0 gives 1 instead of 0
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    result = []
    for m, n in zip(a, b):
        if m != n and m != 1 and n != 1:
            raise ValueError("incompatible shapes")
        result.append(max(m, n))
    return tuple(result)
