# mistake: saves each image to the same path in turn, so the file holds only the last one
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    for image in images:
        save_image(image, path)
