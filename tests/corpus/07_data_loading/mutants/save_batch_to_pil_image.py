# mistake: converts with ToPILImage, which truncates (mul(255).byte()) instead of rounding and does not clip
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    transforms.ToPILImage()(make_grid(images, nrow=nrow)).save(path)
