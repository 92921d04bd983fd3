# why: pads every image on the right and bottom with F.pad, fills the last row with blank cells, and joins rows with torch.cat
# %% image_grid
import torch.nn.functional as F


def image_grid(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    cols = min(nrow, len(images))
    cells = [F.pad(image, (0, padding, 0, padding), value=pad_value) for image in images]
    blank = torch.full_like(cells[0], pad_value)
    cells += [blank] * (-len(cells) % cols)
    rows = [torch.cat(cells[i:i + cols], dim=2) for i in range(0, len(cells), cols)]
    return F.pad(torch.cat(rows, dim=1), (padding, 0, padding, 0), value=pad_value)
