# why: lets PyTorch broadcast two real (tiny) tensors and reads the result's shape
# %% broadcast_shape
def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...]:
    try:
        return tuple((torch.zeros(shape_a) + torch.zeros(shape_b)).shape)
    except RuntimeError:
        raise ValueError("shapes are not broadcastable")
