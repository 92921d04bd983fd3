"""Hidden checks for ``load_image_folder(root)``: ImageFolder over a class-per-folder tree, images through ToTensor.

The trees are written by the notebook's own (locked) ``make_image_tree`` into the worker's folder.  The expected
pixels are computed here by ``expected_tree``, a copy of that function's drawing code (PNG is lossless), so the
oracle never passes through student code; if make_image_tree changes, change expected_tree with it (the
reference solution then fails these checks until both agree).
"""
import numpy as np
import torch

from autograder.checking import expect, expect_tensor, fail, walk
from autograder.i18n import _
from autograder.student import Remote, StudentError
from checks_07_data_loading import kind, listed


def plain(student, value, what: str):
    """A tensor subclass (torchvision.tv_tensors.Image) stays in the worker as a handle: bring it over as a plain tensor."""
    if isinstance(value, Remote):
        try:
            return value.attr("as_subclass")(student.torch.attr("Tensor"))
        except StudentError:
            fail("{what} is not a tensor but a {kind}; convert the image with transforms.ToTensor()",
                 what=what, kind=value._type or "Python object")
    return value


TREES = {
    "check_images_fruit": (("zebra", "Apple", "mango", "kiwi"), 2, 5),
    "check_images_ab": (("b", "a"), 3, 9),
}


def expected_tree(classes, per_class: int, seed: int) -> dict[str, np.ndarray]:
    """The pixels make_image_tree draws, by "class/file.png" (a copy of its drawing code)."""
    rng = np.random.default_rng(seed)
    out = {}
    for c, name in enumerate(classes):
        for i in range(per_class):
            h, w = (int(v) for v in rng.integers(20, 41, size=2))
            yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
            pixels = np.empty((h, w, 3))
            for channel in range(3):
                fy, fx, phase = rng.uniform(0.1, 0.35), rng.uniform(0.1, 0.35), rng.uniform(0, 6.3)
                wave = np.sin(fy * yy + phase) * np.cos(fx * xx - phase)
                pixels[..., channel] = 110 + 70 * wave + rng.uniform(-30, 30)
            pixels[..., c % 3] += 50
            out[f"{name}/{name}_{i:02d}.png"] = np.clip(pixels, 0, 255).astype(np.uint8)
    return out


def make_and_load(student, root: str):
    """Have the worker write the tree and load it with load_image_folder in ONE call (a reproducer then writes the
    tree before loading it); return the classes, the expected class_to_idx, ImageFolder's order of
    (relative path, pixels): classes sorted, then file names sorted within each class, and the dataset."""
    classes, per_class, seed = TREES[root]
    steps = student.builtin("zip")(
        student.builtin("map")(student.make_image_tree, [root], [classes], [per_class], [seed]),
        student.builtin("map")(student.load_image_folder, [root]))
    call = student.builtin("list").call(steps)
    if call.raised:
        raise StudentError("load_image_folder", call.raised, call.error_message)
    ds = call.result()[0][1]
    expect(isinstance(ds, Remote), "load_image_folder returned a {kind}; return the ImageFolder dataset", kind=kind(ds))
    mapping = {name: i for i, name in enumerate(sorted(classes))}
    files = expected_tree(classes, per_class, seed)
    order = sorted(files.items(), key=lambda item: (mapping[item[0].split("/")[0]], item[0].split("/")[1]))
    return classes, mapping, order, ds


def items(student, ds: Remote, n: int) -> list:
    """The first n samples of ds, each checked to be an (image, label) pair."""
    got = walk(student, student.builtin("map")(student.builtin("getattr")(ds, "__getitem__"), list(range(n))),
               _("the samples of load_image_folder(root)"))
    for item in got:
        expect(isinstance(item, (tuple, list)) and len(item) == 2,
               "a sample of load_image_folder(root) is a {kind}; an ImageFolder sample is the pair (image, label)",
               kind=kind(item))
    return got


def test_class_to_idx_numbers_sorted_folder_names(student):
    for root in TREES:
        classes, mapping, _order, ds = make_and_load(student, root)
        got = ds.attr("class_to_idx").get()
        expect(got == mapping, "class_to_idx is {got} for folders made in the order {order}; ImageFolder numbers the "
                               "folder names in sorted order, which is {want}", got=got, order=listed(classes), want=mapping)
        names = ds.attr("classes").get()
        expect(isinstance(names, (list, tuple)) and list(names) == sorted(classes),
               "classes is {got}; expected the sorted folder names {want}",
               got=listed(names) if isinstance(names, (list, tuple)) else kind(names), want=listed(sorted(classes)))


def test_length_is_the_number_of_images(student):
    for root in TREES:
        _classes, _mapping, order, ds = make_and_load(student, root)
        got = ds.attr("__len__")()
        expect(got == len(order), "len(load_image_folder(root)) is {got} for a tree of {n} images", got=got, n=len(order))


def test_images_are_float32_chw_in_unit_range(student):
    _classes, _mapping, order, ds = make_and_load(student, "check_images_fruit")
    for (image, _label), (path, raw) in zip(items(student, ds, len(order)), order):
        image = plain(student, image, _("an image of the dataset"))
        h, w = raw.shape[:2]
        if not isinstance(image, torch.Tensor):
            fail("an image of the dataset is a {kind}; pass transform=transforms.ToTensor() to ImageFolder",
                 kind=kind(image))
        if image.dtype == torch.uint8:
            fail("images are uint8 tensors with values 0..255; ToTensor gives float32 in 0..1 (PILToTensor does not scale)")
        expect(image.dtype == torch.float32, "an image has dtype {dtype}; ToTensor gives float32", dtype=image.dtype)
        if tuple(image.shape) == (h, w, 3):
            fail("an image has shape {shape} = (H, W, C); PyTorch images are channels-first (C, H, W)",
                 shape=tuple(image.shape))
        expect(tuple(image.shape) == (3, h, w),
               "an image of height {h} and width {w} has shape {shape}; expected (3, {h}, {w}) without resizing",
               h=h, w=w, shape=tuple(image.shape))
        expect(float(image.min()) >= 0 and float(image.max()) <= 1,
               "image values range from {low:.3f} to {high:.3f}; ToTensor alone gives values in 0..1 (do not normalize "
               "here)", low=float(image.min()), high=float(image.max()))


def test_pixels_and_labels_match_each_file(student):
    for root in TREES:
        _classes, mapping, order, ds = make_and_load(student, root)
        got = items(student, ds, len(order))
        for k, ((image, label), (path, raw)) in enumerate(zip(got, order)):
            folder = path.split("/")[0]
            want = torch.from_numpy(raw.astype(np.float32) / 255).permute(2, 0, 1)
            expect_tensor(plain(student, image, _("image {k}").format(k=k)), want,
                          what=_("image {k} of the dataset ({path})").format(k=k, path=path), atol=1e-6, rtol=0)
            value = int(label) if isinstance(label, (int, np.integer)) or (isinstance(label, torch.Tensor) and label.numel() == 1) else None
            expect(value == mapping[folder], "the label of {path} is {label!r}; expected class_to_idx of its folder, {want}",
                   path=path, label=label, want=mapping[folder])
