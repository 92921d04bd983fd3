# mistake: clips the caller's images in place before saving
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    save_image(images.clamp_(0, 1), path, nrow=nrow)
