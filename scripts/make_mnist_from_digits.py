"""Write a small stand-in for MNIST, made of real handwritten digits, in MNIST's own file format.

The digits are scikit-learn's ``load_digits`` (1797 images of 8x8 pixels with values 0..16, a copy of the test
set of the UCI "Optical Recognition of Handwritten Digits" data set, shipped with scikit-learn under BSD-3-Clause).
Each digit is scaled up to 20x20 (bicubic), its ink 0..16 mapped to 0..255, and centred in a 28x28 frame with a
4-pixel black border, the way MNIST frames its 20x20 digits.  The images are split once, with a fixed seed and per
class, into a training and a test set, written as the uncompressed IDX files that
``torchvision.datasets.MNIST(root, train=..., download=False)`` reads from ``<root>/MNIST/raw/``.

Run once by the course author (scikit-learn is NOT a dependency of the course)::

    python -m pip install --target /tmp/skl scikit-learn
    PYTHONPATH=/tmp/skl .venv/bin/python scripts/make_mnist_from_digits.py

The output is deterministic: running it again rewrites identical files.
"""
from __future__ import annotations

import argparse
import struct
from pathlib import Path

import numpy as np
from PIL import Image

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "source" / "06_optimizer_loop" / "data" / "MNIST" / "raw"
TEST_PER_CLASS = 36  # 360 test images; the other 1437 are for training
SEED = 20240601


def upscale(digit: np.ndarray) -> np.ndarray:
    """An 8x8 digit with values 0..16 as a 28x28 uint8 MNIST-style image (20x20 digit, 4-pixel border)."""
    big = Image.fromarray(digit.astype(np.float32)).resize((20, 20), Image.BICUBIC)
    ink = np.clip(np.asarray(big) * (255.0 / 16.0), 0, 255).round().astype(np.uint8)
    frame = np.zeros((28, 28), dtype=np.uint8)
    frame[4:24, 4:24] = ink
    return frame


def split(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the training and test images: TEST_PER_CLASS random images of each digit go to the test set."""
    rng = np.random.default_rng(SEED)
    test = np.concatenate([rng.permutation(np.flatnonzero(labels == d))[:TEST_PER_CLASS] for d in range(10)])
    train = np.setdiff1d(np.arange(len(labels)), test)
    return rng.permutation(train), rng.permutation(test)


def write_idx_images(path: Path, images: np.ndarray) -> None:
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", 0x00000803, len(images), 28, 28))  # magic: unsigned bytes, 3 dims
        f.write(images.astype(np.uint8).tobytes())


def write_idx_labels(path: Path, labels: np.ndarray) -> None:
    with open(path, "wb") as f:
        f.write(struct.pack(">II", 0x00000801, len(labels)))  # magic: unsigned bytes, 1 dim
        f.write(labels.astype(np.uint8).tobytes())


def main() -> None:
    from sklearn.datasets import load_digits  # only needed here, once

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the MNIST/raw folder to write")
    out = parser.parse_args().out
    digits = load_digits()
    images = np.stack([upscale(d) for d in digits.images])
    labels = digits.target.astype(np.uint8)
    train, test = split(labels)
    out.mkdir(parents=True, exist_ok=True)
    for prefix, idx in (("train", train), ("t10k", test)):
        write_idx_images(out / f"{prefix}-images-idx3-ubyte", images[idx])
        write_idx_labels(out / f"{prefix}-labels-idx1-ubyte", labels[idx])
    print(f"wrote {len(train)} training and {len(test)} test images to {out}")


if __name__ == "__main__":
    main()
