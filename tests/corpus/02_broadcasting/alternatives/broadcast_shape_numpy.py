# why: np.broadcast_shapes applies the same rules and already raises ValueError for incompatible shapes
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(size) for size in np.broadcast_shapes(tuple(shape_a), tuple(shape_b)))
