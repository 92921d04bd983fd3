"""Hidden checks for ``digits_dataset(root, train)``: torchvision MNIST (download=False) with ToTensor() and
Normalize((MEAN,), (STD,)); the training set (1437 digits) or the test set (360).

The expected digits are read by the judge from the course's copy of the data (the worker gets its own copy as ./data).
"""
import torch

from autograder.checking import describe, expect, fail
from checks_08_capstone import MEAN, ROOT, STD, digits, normalized

SIZES = {True: 1437, False: 360}
OTHER_STATS = {"half": (0.5, 0.5), "mnist": (0.1307, 0.3081), "swapped": (STD, MEAN)}


def dataset(student, train: bool):
    call = student.digits_dataset.call(ROOT, train)
    if call.raised == "RuntimeError" and "not found" in call.error_message.lower():
        fail("digits_dataset({root!r}, train={train}) raised RuntimeError: dataset not found; read MNIST from root with "
             "download=False (the files are in root/MNIST/raw)", root=ROOT, train=train)
    return call.result()


def item(data, index: int, train: bool):
    what = f"digits_dataset({ROOT!r}, train={train})[{index}]"
    call = data.attr("__getitem__").call(index)
    if call.raised:
        fail("{what} raised {error}: {message}", what=what, error=call.raised, message=call.error_message[:100])
    sample = call.result()
    if not isinstance(sample, (tuple, list)) or len(sample) != 2:
        fail("{what} is a {kind}; each item must be the pair (image, label)", what=what, kind=type(sample).__name__)
    image, label = sample
    if not isinstance(image, torch.Tensor):
        fail("{what} gave an image that is a {kind}; transform it with ToTensor() and Normalize",
             what=what, kind=type(image).__name__)
    expect(image.dtype == torch.float32 and tuple(image.shape) == (1, 28, 28),
           "{what} gave an image {image}; expected a float32 tensor of shape (1, 28, 28) from ToTensor()",
           what=what, image=describe(image))
    if isinstance(label, torch.Tensor) and label.numel() == 1 and not label.is_floating_point():
        label = int(label)
    expect(isinstance(label, int), "{what} gave a label that is a {kind}; keep the dataset's integer label",
           what=what, kind=type(label).__name__)
    return image, label, what


def check_items(student, train: bool, indices: tuple[int, ...]) -> None:
    images, targets = digits(train)
    data = dataset(student, train)
    length = student.builtin("len").call(data)
    count = length.result() if not length.raised else None
    if count == SIZES[not train] and count != SIZES[train]:
        fail("digits_dataset({root!r}, train={train}) has {count} digits, the size of the other set: pass train=train "
             "to MNIST", root=ROOT, train=train, count=count)
    expect(count == SIZES[train], "digits_dataset({root!r}, train={train}) has {count} digits; expected {want}",
           root=ROOT, train=train, count=count, want=SIZES[train])
    for index in indices:
        image, label, what = item(data, index, train)
        expect(label == int(targets[index]), "{what} has label {label}; the digit stored there is a {want}",
               what=what, label=label, want=int(targets[index]))
        want = normalized(images[index:index + 1])[0]
        if torch.allclose(image, want, atol=1e-5):
            continue
        if float(image.min()) >= 0 and torch.allclose(image, images[index].float().unsqueeze(0) / 255, atol=1e-5):
            fail("{what}: the image lies in 0..1; add Normalize((MEAN,), (STD,)) after ToTensor()", what=what)
        stats = [name for name, (mean, std) in OTHER_STATS.items()
                 if torch.allclose(image, normalized(images[index:index + 1], mean, std)[0], atol=1e-4)]
        if stats == ["half"]:
            fail("{what}: the image was normalized with Normalize((0.5,), (0.5,)), the tutorial's values; use the "
                 "training set's statistics, Normalize((MEAN,), (STD,))", what=what)
        if stats == ["mnist"]:
            fail("{what}: the image was normalized with MNIST's statistics (0.1307, 0.3081); these digits have their "
                 "own: Normalize((MEAN,), (STD,))", what=what)
        if stats == ["swapped"]:
            fail("{what}: the image was normalized with the mean and the std swapped; Normalize takes (mean,) first, "
                 "then (std,)", what=what)
        fail("{what}: the image differs from (ToTensor(digit) - MEAN) / STD of the digit stored there", what=what)


def test_training_items_are_normalized_digits(student):
    check_items(student, True, (0, 700, 1436))


def test_test_items_are_the_held_back_digits(student):
    check_items(student, False, (0, 359))
