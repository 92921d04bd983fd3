# mistake: pads the images in place before laying them out
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    grid = make_grid(images, nrow=nrow, padding=padding, pad_value=pad_value)
    images.zero_()
    return grid
