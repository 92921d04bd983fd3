"""Hidden checks for ``show_samples(images, labels, classes, mean, std)``: a Figure of the samples, titled.

The Figure stays in the worker; ``read_figure`` reads its axes, each one's image data (as imshow kept it) and
title.  What is checked is what the plot shows: one plotted Axes per sample in order, each image restored from
Normalize (x * std + mean) in (H, W, 3) layout, each title the sample's class name.  Never pixels or colours.
"""
import numpy as np
import torch

from autograder.checking import expect, fail, requires
from autograder.figures import read_figure
from autograder.i18n import _
from checks_07_data_loading import listed

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
CLASSES = ["ant", "bee", "cat", "dog", "eel"]


def samples(b: int, h: int, w: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Pixels in [0.05, 0.95] (restored images lie in [0, 1]) and the same images normalized."""
    pixels = torch.rand(b, 3, h, w, generator=torch.Generator().manual_seed(seed)) * 0.9 + 0.05
    mean, std = torch.tensor(MEAN).view(3, 1, 1), torch.tensor(STD).view(3, 1, 1)
    return pixels, (pixels - mean) / std


def called(b: int, labels: list[int]) -> str:
    return _("show_samples({b} images, labels {labels}, classes {classes}, mean, std)").format(
        b=b, labels=listed(labels), classes=listed(CLASSES))


def shown(student, images: torch.Tensor, labels: list[int]):
    what = called(len(images), labels)
    call = student.show_samples.call(images, torch.tensor(labels), list(CLASSES), list(MEAN), list(STD))
    axes = read_figure(call, what).plotted_axes()
    expect(len(axes) == len(images), "the figure {what} made shows {got} plotted axes; expected one per sample: {b}",
           what=what, got=len(axes), b=len(images))
    for ax in axes:
        expect(len(ax.images) == 1 and not ax.lines,
               "an axes of the figure {what} made shows {images} images and {lines} lines; expected one imshow of "
               "one sample", what=what, images=len(ax.images), lines=len(ax.lines))
    return call, axes, what


def test_one_axes_per_sample_titled_with_its_class_name(student):
    for labels in ([3], [2, 0, 2, 4]):
        pixels, images = samples(len(labels), 3, 4, len(labels))
        _call, axes, what = shown(student, images, labels)
        titles = [ax.title for ax in axes]
        want = [CLASSES[k] for k in labels]
        if titles == [str(k) for k in labels]:
            fail("the titles of {what} are the label numbers {got}; show the class names classes[labels[k]]: {want}",
                 what=what, got=listed(titles), want=listed(want))
        expect(titles == want, "the titles of {what} are {got}; expected the class names of the samples in order: "
                               "{want}", what=what, got=listed(titles), want=listed(want))


def test_each_axes_shows_its_image_restored_and_channels_last(student):
    labels = [0, 3, 1]
    pixels, images = samples(3, 4, 6, 11)
    _call, axes, what = shown(student, images, labels)
    for k, ax in enumerate(axes):
        got = np.asarray(ax.images[0], dtype=np.float64)
        want = pixels[k].permute(1, 2, 0).double().numpy()
        if got.shape == (6, 4, 3):
            fail("image {k} of {what} has shape {got}: height and width swapped; (3, H, W) becomes (H, W, 3) with "
                 "permute(1, 2, 0), not transpose(0, 2)", k=k, what=what, got=got.shape)
        expect(got.shape == want.shape, "image {k} of {what} has shape {got}; imshow needs the image as (H, W, 3): "
                                        "expected {want}", k=k, what=what, got=got.shape, want=want.shape)
        if np.allclose(got, pixels[k].double().numpy().reshape(want.shape), atol=1e-5):
            fail("image {k} of {what} was reshaped to (H, W, 3), which scrambles the pixels; move the channels with "
                 "permute(1, 2, 0)", k=k, what=what)
        # imshow clips RGB floats to [0, 1] as it keeps them
        normalized = images[k].permute(1, 2, 0).double().numpy()
        if np.allclose(got, normalized.clip(0, 1), atol=1e-5) or np.allclose(got, normalized, atol=1e-5):
            fail("image {k} of {what} shows the normalized values; undo Normalize first: x * std + mean per channel",
                 k=k, what=what)
        twice = ((images[k] - torch.tensor(MEAN).view(3, 1, 1)) / torch.tensor(STD).view(3, 1, 1)).permute(1, 2, 0)
        if np.allclose(got, twice.double().numpy().clip(0, 1), atol=1e-5):
            fail("image {k} of {what} was normalized a second time, (x - mean) / std; undo Normalize instead: "
                 "x * std + mean per channel", k=k, what=what)
        expect(np.allclose(got, want, atol=1e-5),
               "image {k} of {what} does not show the sample restored from Normalize (x * std + mean per channel, "
               "values in [0, 1]) in (H, W, 3) layout", k=k, what=what)


@requires(test_each_axes_shows_its_image_restored_and_channels_last)
def test_images_are_left_unchanged(student):
    _pixels, images = samples(2, 3, 3, 5)
    call, _axes, _what = shown(student, images, [4, 2])
    expect(isinstance(call.args[0], torch.Tensor) and torch.equal(call.args[0], images),
           "show_samples changed the images it was given (restored them in place); compute the restored image as a new "
           "tensor")
