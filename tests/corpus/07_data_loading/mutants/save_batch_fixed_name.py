# mistake: saves to a fixed file name instead of the path it is given
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    save_image(images, "grid.png", nrow=nrow)
