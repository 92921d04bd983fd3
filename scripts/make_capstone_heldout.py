"""Write the held-out digits that 08_capstone's hidden checks test a student's trained network on.

The 360 test digits of the course's MNIST-format files (``source/06_optimizer_loop/data/MNIST/raw/t10k-*``), each
rotated by a random angle in [-10, 10] degrees and shifted by -1, 0 or 1 pixel along each axis (bilinear, black
fill), with a fixed seed.  The result is stored with the checks (``autograder/checks/08_capstone/heldout_digits.pt``),
never in ``source/08_capstone``: students never see these images, and only the judge reads the file.

Run once by the course author; running it again writes an identical file::

    PYTHONPATH=. .venv/bin/python scripts/make_capstone_heldout.py
"""
from __future__ import annotations

from pathlib import Path

import torch
from torchvision.datasets import MNIST
from torchvision.transforms import InterpolationMode
from torchvision.transforms.v2 import functional as TF

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCE = REPOSITORY / "source" / "06_optimizer_loop" / "data"
OUT = REPOSITORY / "autograder" / "checks" / "08_capstone" / "heldout_digits.pt"
SEED = 20261129
MAX_DEGREES = 10.0
MAX_SHIFT = 1


def heldout() -> dict[str, torch.Tensor]:
    test = MNIST(str(SOURCE), train=False, download=False)
    generator = torch.Generator().manual_seed(SEED)
    images = []
    for image in test.data:
        angle = float(torch.empty(()).uniform_(-MAX_DEGREES, MAX_DEGREES, generator=generator))
        dx, dy = (int(v) for v in torch.randint(-MAX_SHIFT, MAX_SHIFT + 1, (2,), generator=generator))
        moved = TF.affine(image[None], angle=angle, translate=[dx, dy], scale=1.0, shear=[0.0, 0.0],
                          interpolation=InterpolationMode.BILINEAR, fill=0)
        images.append(moved[0])
    return {"images": torch.stack(images).contiguous(), "labels": test.targets.clone()}


def main() -> None:
    data = heldout()
    torch.save(data, OUT)
    print(f"wrote {len(data['labels'])} held-out digits to {OUT.relative_to(REPOSITORY)}")


if __name__ == "__main__":
    main()
