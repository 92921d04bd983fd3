# why: builds the grid and converts it as save_image does, then saves with PIL
# %% save_batch
def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    grid = make_grid(images, nrow=nrow, padding=2, pad_value=0)
    pixels = grid.mul(255).add(0.5).clamp(0, 255).to(torch.uint8)
    Image.fromarray(pixels.permute(1, 2, 0).contiguous().numpy()).save(path, format="PNG")
