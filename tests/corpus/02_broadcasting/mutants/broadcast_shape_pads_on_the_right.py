# mistake: pads the shorter shape with 1s at the end (aligns shapes on the left) instead of in front
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    ndim = max(len(shape_a), len(shape_b))
    a = tuple(shape_a) + (1,) * (ndim - len(shape_a))
    b = tuple(shape_b) + (1,) * (ndim - len(shape_b))
    result = []
    for m, n in zip(a, b):
        if m != n and m != 1 and n != 1:
            raise ValueError("incompatible shapes")
        result.append(n if m == 1 else m)
    return tuple(result)
