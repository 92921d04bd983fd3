# mistake: rescales the images to [0, 1] (normalize=True) although the task keeps their values
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    return make_grid(images, nrow=nrow, padding=padding, pad_value=pad_value, normalize=True)
