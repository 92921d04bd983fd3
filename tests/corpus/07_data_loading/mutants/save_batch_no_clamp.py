# mistake: rounds but does not clamp, so values outside [0, 1] wrap around in uint8
# targets: test_save_batch
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    grid = make_grid(images, nrow=nrow)
    pixels = (grid * 255 + 0.5).to(torch.int64).remainder(256).to(torch.uint8)
    Image.fromarray(pixels.permute(1, 2, 0).numpy()).save(path)
