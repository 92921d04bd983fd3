# mistake: relies on torch.broadcast_shapes and lets its RuntimeError escape instead of raising ValueError
# targets: test_broadcast_shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(torch.broadcast_shapes(shape_a, shape_b))
