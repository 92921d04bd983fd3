# why: torchvision.io.write_png writes a uint8 (C, H, W) tensor (a different PNG encoder, the same pixels)
# %% save_batch
from torchvision.io import write_png


def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    grid = make_grid(images.clamp(0, 1), nrow=nrow)
    write_png((grid * 255 + 0.5).to(torch.uint8), path)
