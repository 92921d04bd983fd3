# why: torch.flatten (a view for contiguous x, a row-major copy otherwise) followed by view; the functional torch.reshape is shown too
# %% any_reshape
def any_reshape(x: torch.Tensor, shape: tuple[int, ...]) -> torch.Tensor:
    if x.dim() == 0:
        return torch.reshape(x, shape)
    return torch.flatten(x).view(shape)
