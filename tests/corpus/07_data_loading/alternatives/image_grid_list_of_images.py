# why: make_grid also takes a list of images
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    return make_grid(list(images), padding=padding, nrow=nrow, pad_value=pad_value, normalize=False)
