"""Hidden checks for ``save_batch(images, path, nrow)``: one PNG file holding the grid as save_image writes it.

The worker reads the file back with the builtin ``open`` (the student's code is never asked to read it); its bytes
come here, where PIL decodes them (PNG only, size bounded before decoding).  The expected pixels are the grid
(nrow per row, padding 2, value 0) quantized as save_image does: mul(255).add(0.5).clamp(0, 255) to uint8.
"""
import io

import numpy as np
import torch
from PIL import Image

from autograder.checking import expect, fail, requires
from autograder.i18n import _
from checks_07_data_loading import expect_grid_shape, grid_oracle, grid_shape, keeping_the_reproducer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def batch(b: int, h: int, w: int, seed: int, low: float = 0.0, high: float = 1.0) -> torch.Tensor:
    return torch.rand(b, 3, h, w, generator=torch.Generator().manual_seed(seed)) * (high - low) + low


def called(images: torch.Tensor, path: str, nrow: int) -> str:
    b, _c, h, w = images.shape
    return _("save_batch({b} images of 3x{h}x{w}, {path!r}, nrow={nrow})").format(b=b, h=h, w=w, path=path, nrow=nrow)


def quantized(grid: torch.Tensor) -> torch.Tensor:
    return grid.mul(255).add(0.5).clamp(0, 255).to(torch.uint8)


def read_back(student, path: str, what: str, shape: tuple) -> torch.Tensor:
    """The image file at ``path`` in the worker's folder, decoded here as a (3, H, W) uint8 tensor."""
    with keeping_the_reproducer(student):
        opened = student.builtin("open").call(path, "rb")
        if opened.raised:
            fail("after {what} there is no file {path} ({error}); save to the path you are given", what=what,
                 path=path, error=opened.raised)
        handle = opened.result()
        data = handle.attr("read")(4 * (shape[1] * shape[2] * 3 + 4096) + 65536)
        handle.attr("close")()
    if not isinstance(data, bytes) or not data.startswith(PNG_SIGNATURE):
        fail("the file {path} that {what} wrote is not a PNG image; save_image picks the format from the .png name",
             path=path, what=what)
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > 4 * shape[1] * shape[2] + 4096:
            raise ValueError("too large")
        mode = image.mode
        pixels = np.asarray(image.convert("RGB")) if mode == "RGB" else None
    except Exception:
        fail("the file {path} that {what} wrote cannot be read as an image of about the expected size {want}",
             path=path, what=what, want=shape)
    expect(mode == "RGB", "the file {path} that {what} wrote is a {mode} image; save the 3-channel grid as RGB",
           path=path, what=what, mode=mode)
    return torch.from_numpy(pixels.copy()).permute(2, 0, 1)


def expect_saved(student, images: torch.Tensor, path: str, nrow: int):
    """Call save_batch and compare the file with the expected pixels; returns the call."""
    what = called(images, path, nrow)
    call = student.save_batch.call(images, path, nrow)
    call.result()
    b, c, h, w = images.shape
    got = read_back(student, path, what, grid_shape(b, c, h, w, nrow, 2))
    expect_grid_shape(tuple(got.shape), images, nrow, 2, _("the image {what} saved").format(what=what))
    grid = grid_oracle(images, nrow, 2, 0.0)
    want = quantized(grid)
    if torch.equal(got, want):
        return call
    if torch.equal(got, grid.mul(255).clamp(0, 255).to(torch.uint8)):
        fail("the pixels {what} saved are truncated (mul(255).byte() drops the fraction); save_image rounds to the "
             "nearest integer: mul(255).add(0.5), then clamp to 0..255", what=what)
    outside = (grid < 0) | (grid > 1)
    if bool(outside.any()) and torch.equal(got[~outside.expand_as(got)], want[~outside.expand_as(want)]):
        fail("values outside [0, 1] came out wrong in the file {what} saved (wrapped around instead of clipped); clamp "
             "to 0..255 before converting to uint8, as save_image does", what=what)
    y, x = [int(v) for v in (got != want).any(0).nonzero()[0]]
    fail("pixel (row {y}, column {x}) of the image {what} saved is {got}; expected {want} (the grid with padding 2 of "
         "value 0, each value x saved as round(255 x) clipped to 0..255)", y=y, x=x, what=what,
         got=got[:, y, x].tolist(), want=want[:, y, x].tolist())


def test_the_file_holds_the_grid_rounded_to_8_bits(student):
    for k, (images, nrow) in enumerate(((batch(5, 3, 4, 1), 2), (batch(3, 4, 2, 2), 3), (batch(4, 2, 3, 3), 1),
                                        (batch(2, 3, 3, 4), 5))):
        expect_saved(student, images, f"check_saved_{k}.png", nrow)


@requires(test_the_file_holds_the_grid_rounded_to_8_bits)
def test_values_outside_the_unit_range_are_clipped(student):
    for k, (images, nrow) in enumerate(((batch(6, 3, 3, 5, -0.4, 1.4), 4), (batch(3, 2, 5, 6, -0.2, 1.2), 2))):
        expect_saved(student, images, f"check_clipped_{k}.png", nrow)


@requires(test_the_file_holds_the_grid_rounded_to_8_bits)
def test_images_are_left_unchanged(student):
    images = batch(3, 3, 3, 7, -0.3, 1.3)
    call = expect_saved(student, images, "check_unchanged.png", 2)
    expect(isinstance(call.args[0], torch.Tensor) and torch.equal(call.args[0], images),
           "save_batch changed the images it was given (clamping or scaling them in place); work on the grid, a new "
           "tensor")
