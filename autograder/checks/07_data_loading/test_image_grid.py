"""Hidden checks for ``image_grid(images, nrow, padding, pad_value)``: make_grid's layout, written out here.

nrow is the number of images in each row; padding goes between the images and around the grid; the cells after the
last image hold pad_value.  Image values lie outside [0, 1] and away from 0 and 1, so any rescaling shows.
"""
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, requires
from autograder.i18n import _
from checks_07_data_loading import expect_grid_shape, grid_oracle

PAD_VALUES = (0.0, 1.0, 0.5, -1.0, 0.25)


def batch(b: int, h: int, w: int, seed: int, dtype=torch.float32) -> torch.Tensor:
    return (torch.rand(b, 3, h, w, generator=torch.Generator().manual_seed(seed), dtype=dtype) * 1.6 - 0.3)


def called(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> str:
    b, _c, h, w = images.shape
    return _("image_grid({b} images of 3x{h}x{w}, nrow={nrow}, padding={padding}, pad_value={pad_value})").format(
        b=b, h=h, w=w, nrow=nrow, padding=padding, pad_value=pad_value)


def expect_grid(student, images, nrow, padding, pad_value):
    what = called(images, nrow, padding, pad_value)
    call = student.image_grid.call(images, nrow, padding, pad_value)
    got = call.result()
    want = grid_oracle(images, nrow, padding, pad_value)
    if isinstance(got, torch.Tensor):
        expect_grid_shape(tuple(got.shape), images, nrow, padding, what)
        if got.shape == want.shape and got.dtype == want.dtype and not torch.equal(got, want):
            if pad_value != 0 and torch.equal(got, grid_oracle(images, nrow, padding, 0.0)):
                fail("{what} fills the padding with 0, not pad_value={pad_value}; pass pad_value=pad_value by keyword "
                     "(make_grid's fourth positional parameter is normalize, not pad_value)", what=what,
                     pad_value=pad_value)
            low, high = float(images.min()), float(images.max())
            rescaled = (images - low) / max(high - low, 1e-5)
            if any(torch.allclose(got, grid_oracle(rescaled, nrow, padding, v), atol=1e-6) for v in (pad_value, 0.0)):
                fail("{what} rescaled the images to [0, 1] (normalize=True); keep their values: the task leaves "
                     "normalize at False", what=what)
    expect_tensor(got, want, what=what, atol=0, rtol=0)
    return call


@given(b=st.integers(2, 7), nrow=st.integers(1, 5), padding=st.integers(0, 3), h=st.integers(1, 4),
       w=st.integers(1, 4), pad_value=st.sampled_from(PAD_VALUES), seed=st.integers(0, 2**31 - 1))
def test_images_are_laid_out_nrow_per_row_with_padding(student, b, nrow, padding, h, w, pad_value, seed):
    expect_grid(student, batch(b, h, w, seed), nrow, padding, pad_value)


def test_borders_and_empty_cells_hold_pad_value(student):
    # 5 images, 3 per row: the second row has one empty cell; 7 images in one column; float64 keeps its dtype
    for images, nrow, padding, pad_value in ((batch(5, 2, 3, 1), 3, 2, 0.5), (batch(7, 3, 2, 2), 1, 1, -1.0),
                                             (batch(3, 2, 2, 3, torch.float64), 2, 3, 1.0)):
        expect_grid(student, images, nrow, padding, pad_value)


@requires(test_images_are_laid_out_nrow_per_row_with_padding)
def test_images_are_left_unchanged(student):
    images = batch(4, 3, 3, 4)
    call = expect_grid(student, images, 3, 1, 0.25)
    expect(isinstance(call.args[0], torch.Tensor) and torch.equal(call.args[0], images),
           "image_grid changed the images it was given; build the grid in a new tensor")
