# mistake: leaves pad_value at its default 0
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    return make_grid(images, nrow=nrow, padding=padding)
