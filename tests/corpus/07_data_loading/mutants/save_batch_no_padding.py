# mistake: saves the grid without its padding
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    save_image(images, path, nrow=nrow, padding=0)
