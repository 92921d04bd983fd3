# why: torch.broadcast_shapes gives the shape; its RuntimeError is turned into the ValueError the task asks for
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    try:
        return tuple(torch.broadcast_shapes(shape_a, shape_b))
    except RuntimeError as error:
        raise ValueError(str(error)) from None
