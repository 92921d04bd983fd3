# mistake: returns the shape as a list instead of a tuple
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    return list(np.broadcast_shapes(shape_a, shape_b))
