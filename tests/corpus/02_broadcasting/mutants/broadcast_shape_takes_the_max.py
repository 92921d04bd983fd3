# mistake: takes the larger size in every dim and never checks compatibility
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    return tuple(max(m, n) for m, n in zip(a, b))
