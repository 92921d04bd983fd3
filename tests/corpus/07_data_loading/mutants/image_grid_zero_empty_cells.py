# mistake: fills the missing cells of the last row with zero images instead of pad_value
# targets: test_image_grid
# %% image_grid
def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    cols = min(nrow, len(images))
    missing = -len(images) % cols
    filled = torch.cat([images, images.new_zeros(missing, *images.shape[1:])])
    return make_grid(filled, nrow=nrow, padding=padding, pad_value=pad_value)
