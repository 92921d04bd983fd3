# mistake: passes pad_value as the fourth positional argument, which is normalize: the images get rescaled
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    return make_grid(images, nrow, padding, pad_value)
