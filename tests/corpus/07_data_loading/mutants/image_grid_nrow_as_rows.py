# mistake: reads nrow as the number of rows
# targets: test_image_grid
# %% image_grid
import math


def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    return make_grid(images, nrow=math.ceil(len(images) / nrow), padding=padding, pad_value=pad_value)
