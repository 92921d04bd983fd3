"""Hidden checks for ``eval_transform(size, mean, std)``: Resize(shorter side) -> CenterCrop -> ToTensor -> Normalize.

Images are made here, sent to the worker as arrays and turned into PIL images there; the oracle is torchvision's
own pipeline on the same image.  Resizing the tensor instead of the PIL image (ToTensor first) differs by about one
grey level, another interpolation (bicubic) by up to about 25 where an image shrinks a lot: values, taken back to
ToTensor units (times std), must agree within 32 grey levels everywhere and within 4 on average, which still
separates a squashed image, a crop taken before resizing or a missing/wrong Normalize.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st
from PIL import Image
from torchvision import transforms as T

from autograder.checking import expect, fail
from autograder.i18n import _
from autograder.student import Remote, StudentError
from checks_07_data_loading import kind

LEVELS = 4 / 255  # mean tolerance in ToTensor units
PEAK = 32 / 255  # largest single difference allowed


def close(a: torch.Tensor, b: torch.Tensor, std: list | None = None) -> bool:
    """a and b agree within the tolerances, measured in ToTensor units (normalized values times std)."""
    d = (a - b).abs()
    if std is not None:
        d = d * torch.tensor(std, dtype=d.dtype).view(-1, 1, 1)
    return bool(d.max() <= PEAK) and bool(d.mean() <= LEVELS)


def smooth_image(seed: int, h: int, w: int, channels: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = []
    for _channel in range(channels):
        fy, fx, phase = rng.uniform(0.1, 0.35), rng.uniform(0.1, 0.35), rng.uniform(0, 6.3)
        planes.append(120 + 80 * np.sin(fy * yy + phase) * np.cos(fx * xx - phase) + 20 * xx / w + rng.uniform(-20, 20))
    pixels = np.clip(np.stack(planes, axis=-1), 0, 255).astype(np.uint8)
    return pixels[..., 0] if channels == 1 else pixels


def oracle(arr: np.ndarray, size, mean, std, squash: bool = False) -> torch.Tensor:
    resize = T.Resize((size, size)) if squash else T.Resize(size)
    return T.Compose([resize, T.CenterCrop(size), T.ToTensor(), T.Normalize(mean, std)])(Image.fromarray(arr))


def apply(student, arr: np.ndarray, size: int, mean: list, std: list):
    transform = student.eval_transform(size, mean, std)
    expect(isinstance(transform, Remote), "eval_transform returned a {kind}; return the transform itself: "
                                          "transforms.Compose([...]) of the four steps", kind=kind(transform))
    image = student.Image.attr("fromarray")(arr)
    call = transform.call(image)
    if arr.ndim == 2:
        what = _("eval_transform({size}, mean, std) of a grey image of height {h} and width {w}").format(
            size=size, h=arr.shape[0], w=arr.shape[1])
    else:
        what = _("eval_transform({size}, mean, std) of an RGB image of height {h} and width {w}").format(
            size=size, h=arr.shape[0], w=arr.shape[1])
    if call.raised == "TypeError":
        fail("{what} raised TypeError ({detail}); Normalize works on tensors, so it must come after ToTensor",
             what=what, detail=call.error_message[:80])
    out = call.result()
    if isinstance(out, Remote):
        try:
            out = out.attr("as_subclass")(student.torch.attr("Tensor"))
        except StudentError:
            fail("{what} returned a {kind}, not a tensor; end the pipeline with ToTensor and Normalize",
                 what=what, kind=out._type or "object")
    if not isinstance(out, torch.Tensor):
        fail("{what} returned a {kind}; the transform must return a tensor", what=what, kind=type(out).__name__)
    return out, what


def compare(out: torch.Tensor, arr: np.ndarray, size: int, mean: list, std: list, what: str) -> None:
    channels = 1 if arr.ndim == 2 else 3
    want = oracle(arr, size, mean, std)
    if tuple(out.shape) != tuple(want.shape):
        fail("{what} has shape {got}; expected ({channels}, {size}, {size}): resize the shorter side to size, then "
             "center-crop size x size", what=what, got=tuple(out.shape), channels=channels, size=size)
    if out.dtype != torch.float32:
        fail("{what} has dtype {dtype}; ToTensor gives float32 values in 0..1 before Normalize", what=what, dtype=out.dtype)
    if close(out, want, std):
        return
    if close(out, oracle(arr, size, mean, std, squash=True), std) and arr.shape[0] != arr.shape[1]:
        fail("{what} squashes the image to size x size; Resize(size) with one int keeps the aspect ratio, then CenterCrop",
             what=what)
    plain = T.Compose([T.Resize(size), T.CenterCrop(size), T.ToTensor()])(Image.fromarray(arr))
    if close(out, plain):
        fail("{what} is not normalized; add Normalize(mean, std) after ToTensor", what=what)
    swapped_mean, swapped_std = torch.tensor(std).view(-1, 1, 1), torch.tensor(mean).view(-1, 1, 1)
    if close(out, (plain - swapped_mean) / swapped_std, std):
        fail("{what} normalizes with mean and std swapped; Normalize(mean, std) computes (x - mean) / std", what=what)
    fail("{what} has the right shape but wrong values (largest difference {diff:.3f}); expected Resize(size), "
         "CenterCrop(size), ToTensor(), Normalize(mean, std) in this order", what=what, diff=float((out - want).abs().max()))


@st.composite
def cases(draw):
    channels = draw(st.sampled_from([3, 3, 1]))
    h, w, size = draw(st.integers(6, 40)), draw(st.integers(6, 40)), draw(st.integers(4, 20))
    mean = [draw(st.sampled_from([0.2, 0.4, 0.5, 0.6])) for _channel in range(channels)]
    std = [draw(st.sampled_from([0.2, 0.25, 0.5, 1.0])) for _channel in range(channels)]
    return smooth_image(draw(st.integers(0, 2**31 - 1)), h, w, channels), size, mean, std


@given(case=cases())
def test_output_matches_resize_center_crop_to_tensor_normalize(student, case):
    arr, size, mean, std = case
    out, what = apply(student, arr, size, mean, std)
    compare(out, arr, size, mean, std, what)


def test_wide_and_tall_images_keep_their_aspect_ratio(student):
    for h, w, size in ((12, 40, 10), (40, 14, 12), (9, 30, 16)):
        arr = smooth_image(h * 100 + w, h, w, 3)
        out, what = apply(student, arr, size, [0.5, 0.5, 0.5], [0.25, 0.25, 0.25])
        compare(out, arr, size, [0.5, 0.5, 0.5], [0.25, 0.25, 0.25], what)


def test_without_normalization_values_are_to_tensor_range(student):
    for h, w, size in ((20, 30, 16), (25, 25, 25)):
        arr = smooth_image(h + w, h, w, 3)
        arr[0, :, :] = 255  # the full range must map to 0..1, not 0..255
        arr[-1, :, :] = 0
        out, what = apply(student, arr, size, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0])
        if out.dtype == torch.uint8 or float(out.max()) > 1.5:
            fail("{what} with mean 0 and std 1 has values up to {top:.0f}; ToTensor scales 0..255 to 0..1",
                 what=what, top=float(out.max()))
        compare(out, arr, size, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], what)


def test_own_channel_statistics_normalize_to_mean_0_std_1(student):
    for seed, (h, w, size) in enumerate(((30, 22, 16), (18, 33, 12))):
        arr = smooth_image(seed + 40, h, w, 3)
        x = T.Compose([T.Resize(size), T.CenterCrop(size), T.ToTensor()])(Image.fromarray(arr)).double()
        mean, std = x.mean(dim=(1, 2)).tolist(), x.std(dim=(1, 2), unbiased=False).tolist()
        out, what = apply(student, arr, size, mean, std)
        compare(out, arr, size, mean, std, what)
        m, s = out.double().mean(dim=(1, 2)), out.double().std(dim=(1, 2), unbiased=False)
        expect(bool((m.abs() < 0.05).all()) and bool(((s - 1).abs() < 0.05).all()),
               "{what}, normalized with its own channel means and stds, has channel means {means} and stds {stds}; "
               "expected 0 and 1", what=what, means=", ".join(f"{v:.3f}" for v in m.tolist()),
               stds=", ".join(f"{v:.3f}" for v in s.tolist()))


def test_grey_images_use_one_channel_statistics(student):
    for h, w, size, mean, std in ((16, 24, 8, [0.5], [0.5]), (30, 11, 10, [0.3], [0.2])):
        arr = smooth_image(h * w, h, w, 1)
        out, what = apply(student, arr, size, mean, std)
        compare(out, arr, size, mean, std, what)
