# why: save_image to an open file object, with the format named
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    with open(path, "wb") as f:
        save_image(images, f, format="png", nrow=nrow, padding=2)
