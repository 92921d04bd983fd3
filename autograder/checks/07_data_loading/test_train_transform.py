"""Hidden checks for ``train_transform(resize, crop, mean, std)``: Resize -> RandomCrop -> RandomHorizontalFlip -> ToTensor -> Normalize.

Every output must be one crop x crop window of the image resized to ``resize`` (shorter side), possibly mirrored
left-right, then normalized (within 32 grey levels everywhere and 4 on average, in ToTensor units, which allows
another interpolation or resizing the tensor instead of the PIL image).  Windows and flips commute with ToTensor/Normalize and with each other, so any order
of those steps is accepted.  Many draws are made in ONE worker call (the worker reseeds before each call), by
mapping the transform over copies of an image.
"""
import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T

from autograder.checking import expect, fail
from autograder.i18n import _
from autograder.student import Remote, StudentError
from checks_07_data_loading import kind

LEVELS = 4 / 255  # mean tolerance in ToTensor units
PEAK = 32 / 255  # largest single difference allowed
DRAWS = 16
CASES = (  # (height, width, resize, crop, mean, std)
    (30, 22, 16, 12, [0.5, 0.4, 0.5], [0.25, 0.5, 0.25]),
    (24, 36, 14, 11, [0.4, 0.5, 0.6], [0.5, 0.5, 0.5]),
    (27, 27, 15, 12, [0.5, 0.5, 0.5], [0.2, 0.25, 0.5]),
)


def smooth_image(seed: int, h: int, w: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = []
    for _channel in range(3):
        fy, fx, phase = rng.uniform(0.15, 0.4), rng.uniform(0.15, 0.4), rng.uniform(0, 6.3)
        planes.append(120 + 80 * np.sin(fy * yy + phase) * np.cos(fx * xx - phase) + 25 * xx / w + rng.uniform(-20, 20))
    return np.clip(np.stack(planes, axis=-1), 0, 255).astype(np.uint8)


def windows(full: torch.Tensor, crop: int) -> tuple[torch.Tensor, list[tuple[int, int]]]:
    """All crop x crop windows of a (C, H, W) tensor, and their top-left corners."""
    c, h, w = full.shape
    if h < crop or w < crop:
        return torch.empty(0, c, crop, crop), []
    u = full.unfold(1, crop, 1).unfold(2, crop, 1)  # (C, H-crop+1, W-crop+1, crop, crop)
    corners = [(i, j) for i in range(u.shape[1]) for j in range(u.shape[2])]
    return u.permute(1, 2, 0, 3, 4).reshape(-1, c, crop, crop), corners


def nearest(out: torch.Tensor, wins: torch.Tensor, std: list) -> tuple[bool, float, int]:
    """Whether the closest window (by mean difference in ToTensor units) is within tolerance, that difference, its index."""
    if len(wins) == 0:
        return False, float("inf"), -1
    d = (wins - out).abs() * torch.tensor(std, dtype=out.dtype).view(1, -1, 1, 1)
    means = d.mean(dim=(1, 2, 3))
    best = int(means.argmin())
    return bool(means[best] <= LEVELS and d[best].max() <= PEAK), float(means[best]), best


def draws(student, case, seed: int):
    """DRAWS outputs of train_transform for one image, made in one worker call."""
    h, w, resize, crop, mean, std = case
    arr = smooth_image(seed, h, w)
    transform = student.train_transform(resize, crop, mean, std)
    expect(isinstance(transform, Remote), "train_transform returned a {kind}; return the transform itself: "
                                          "transforms.Compose([...]) of the five steps", kind=kind(transform))
    image = student.Image.attr("fromarray")(arr)
    what = _("train_transform({resize}, {crop}, mean, std) of an image of height {h} and width {w}").format(
        resize=resize, crop=crop, h=h, w=w)
    call = student.builtin("list").call(student.builtin("map")(transform, [image] * DRAWS))
    if call.raised == "TypeError":
        fail("{what} raised TypeError ({detail}); Normalize works on tensors, so it must come after ToTensor",
             what=what, detail=call.error_message[:80])
    if call.raised and call.raised != "NotImplementedError":
        fail("{what} raised {error}: {detail}", what=what, error=call.raised, detail=call.error_message[:120])
    outs = call.result()
    if any(isinstance(o, Remote) for o in outs):  # e.g. torchvision.tv_tensors.Image from transforms.v2
        try:
            stacked = student.torch.attr("stack")(outs)
        except StudentError:
            stacked = None
        if not isinstance(stacked, torch.Tensor):
            fail("{what} returned a {kind}, not a tensor", what=what, kind=kind(outs[0]))
        outs = list(stacked.unbind(0))
    for out in outs:
        if not isinstance(out, torch.Tensor):
            fail("{what} returned a {kind}; the transform must return a tensor", what=what, kind=kind(out))
        if tuple(out.shape) != (3, crop, crop):
            fail("{what} has shape {shape}; expected (3, {crop}, {crop})", what=what, shape=tuple(out.shape), crop=crop)
        if out.dtype != torch.float32:
            fail("{what} has dtype {dtype}; ToTensor gives float32 values in 0..1 before Normalize", what=what,
                 dtype=out.dtype)
    full = T.Compose([T.Resize(resize), T.ToTensor(), T.Normalize(mean, std)])(Image.fromarray(arr))
    return arr, outs, full, what


def classify(out: torch.Tensor, full: torch.Tensor, crop: int, std: list):
    """(corner, flipped) of the window ``out`` shows, flipped None when both readings fit; None when no window fits.

    ``std`` takes normalized differences back to ToTensor units, where the tolerances are set.
    """
    wins, corners = windows(full, crop)
    plain_ok, plain_mean, plain_at = nearest(out, wins, std)
    mirror_ok, mirror_mean, mirror_at = nearest(out.flip(-1), wins, std)
    if plain_ok and mirror_ok:
        return (corners[plain_at], False) if plain_mean * 4 < mirror_mean else \
            (corners[mirror_at], True) if mirror_mean * 4 < plain_mean else (corners[plain_at], None)
    if plain_ok:
        return corners[plain_at], False
    if mirror_ok:
        return corners[mirror_at], True
    return None


def test_outputs_are_crop_windows_of_the_resized_image_maybe_mirrored(student):
    for seed, case in enumerate(CASES):
        h, w, resize, crop, mean, std = case
        arr, outs, full, what = draws(student, case, seed)
        for out in outs:
            if classify(out, full, crop, std) is not None:
                continue
            if classify(out.flip(-2), full, crop, std) is not None:
                fail("{what} flipped an image upside down; use RandomHorizontalFlip (left-right), not RandomVerticalFlip",
                     what=what)
            plain = T.Compose([T.Resize(resize), T.ToTensor()])(Image.fromarray(arr))
            if classify(out, plain, crop, [1.0] * len(std)) is not None:
                fail("{what} is not normalized; add Normalize(mean, std) after ToTensor", what=what)
            original = T.Compose([T.ToTensor(), T.Normalize(mean, std)])(Image.fromarray(arr))
            if classify(out, original, crop, std) is not None:
                fail("{what} crops the original image; first Resize(resize) (shorter side), then RandomCrop(crop)",
                     what=what)
            fail("{what}: an output is no {crop} x {crop} window of the image resized to shorter side {resize}, mirrored "
                 "or not; use Resize, RandomCrop (no padding), RandomHorizontalFlip, ToTensor, Normalize",
                 what=what, crop=crop, resize=resize)


def test_crop_position_is_random(student):
    for seed, case in enumerate(CASES):
        crop, std = case[3], case[5]
        _arr, outs, full, what = draws(student, case, seed)
        places = set()
        for k, out in enumerate(outs):
            found = classify(out, full, crop, std)
            places.add(found[0] if found is not None else ("unmatched", k))
        expect(len(places) >= 2, "{draws} outputs of {what} all show the same {crop} x {crop} window; RandomCrop picks a "
                                 "random position each call (CenterCrop always takes the middle)",
               draws=DRAWS, what=what, crop=crop)


def test_about_half_of_the_outputs_are_mirrored(student):
    flips = []
    for seed, case in enumerate(CASES):
        crop, std = case[3], case[5]
        _arr, outs, full, _what = draws(student, case, seed)
        for out in outs:
            found = classify(out, full, crop, std)
            if found is not None and found[1] is not None:
                flips.append(found[1])
    share = sum(flips) / max(len(flips), 1)
    expect(len(flips) >= DRAWS, "too few outputs of train_transform match a window of the resized image to judge flipping")
    if sum(flips) == len(flips):
        fail("all of {count} outputs of train_transform are mirrored left-right; RandomHorizontalFlip() mirrors about "
             "half of them (p=0.5)", count=len(flips))
    expect(sum(flips) > 0, "none of {count} outputs of train_transform are mirrored left-right; RandomHorizontalFlip() "
                           "mirrors about half of them (p=0.5)", count=len(flips))
    expect(0.2 <= share <= 0.8, "{share:.0%} of {count} outputs of train_transform are mirrored; RandomHorizontalFlip() "
                                "should mirror about half (p=0.5)", share=share, count=len(flips))


def test_different_calls_give_different_views_of_one_image(student):
    case = CASES[0]
    _arr, outs, _full, what = draws(student, case, 7)
    distinct = {tuple(o.flatten()[:50].tolist()) for o in outs}
    expect(len(distinct) >= DRAWS // 4, "{draws} outputs of {what} gave only {distinct} different tensors; the random "
                                        "crop and flip must change from call to call",
           draws=DRAWS, what=what, distinct=len(distinct))
