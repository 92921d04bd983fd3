# mistake: puts the padding only between the images, not around the grid
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    grid = make_grid(images, nrow=nrow, padding=padding, pad_value=pad_value)
    return grid[:, padding:grid.shape[1] - padding, padding:grid.shape[2] - padding]
