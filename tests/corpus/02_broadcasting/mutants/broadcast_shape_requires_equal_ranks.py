# mistake: believes broadcasting needs the same number of dims and raises when the ranks differ
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    if len(shape_a) != len(shape_b):
        raise ValueError("shapes must have the same number of dims")
    result = []
    for m, n in zip(shape_a, shape_b):
        if m != n and m != 1 and n != 1:
            raise ValueError("incompatible shapes")
        result.append(n if m == 1 else m)
    return tuple(result)
