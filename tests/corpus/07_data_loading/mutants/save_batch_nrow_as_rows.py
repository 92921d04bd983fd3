# mistake: reads nrow as the number of rows
# targets: test_save_batch
# %% save_batch
import math


def save_batch(images: torch.Tensor, path: str, nrow: int) -> None:
    save_image(images, path, nrow=math.ceil(len(images) / nrow))
