"""Hidden checks for ``mnist_loaders(root, batch_size, seed)``: torchvision MNIST (download=False), ToTensor +
Normalize([0.5], [0.5]), a seeded shuffled training loader and an ordered test loader.

The expected digits are read by the judge from the course's copy of the data (the worker gets its own copy as ./data).
"""
import math

import torch

from autograder.checking import expect, fail, walk
from autograder.oracles import mnist, normalized_mnist
from checks_06_optimizer_loop import ROOT

N_TRAIN, N_TEST = 1437, 360


def loaders(student, batch_size: int, seed: int):
    call = student.mnist_loaders.call(ROOT, batch_size, seed)
    if call.raised == "RuntimeError" and "not found" in call.error_message.lower():
        fail("mnist_loaders({root!r}, ...) raised RuntimeError: dataset not found; read MNIST from root with "
             "download=False (the files are in root/MNIST/raw)", root=ROOT)
    result = call.result()
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("mnist_loaders returned a {kind}; return the pair (train_loader, test_loader)", kind=type(result).__name__)
    return result


def epoch(student, loader, what: str) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
    """All images and labels of one pass over ``loader``, and the batch sizes."""
    images, labels, sizes = [], [], []
    for batch in walk(student, loader, what):
        if not isinstance(batch, (list, tuple)) or len(batch) != 2:
            fail("{what} yielded a {kind}; each batch must be (images, labels)", what=what, kind=type(batch).__name__)
        x, y = batch
        if not isinstance(x, torch.Tensor):
            fail("{what} yielded images that are a {kind}; transform them with ToTensor and Normalize",
                 what=what, kind=type(x).__name__)
        if x.dtype == torch.uint8:
            fail("{what} yielded uint8 images; ToTensor gives float32 before Normalize", what=what)
        if x.dim() != 4 or tuple(x.shape[1:]) != (1, 28, 28):
            fail("{what} yielded images of shape {shape}; expected (B, 1, 28, 28) from ToTensor on the 28x28 digits",
                 what=what, shape=tuple(x.shape))
        expect(isinstance(y, torch.Tensor) and y.dtype == torch.int64 and y.shape == (len(x),),
               "{what} yielded labels that are not an int64 tensor of shape (B,); keep the dataset's labels",
               what=what)
        images.append(x)
        labels.append(y)
        sizes.append(len(x))
    if not images:
        return torch.zeros(0, 1, 28, 28), torch.zeros(0, dtype=torch.int64), sizes
    return torch.cat(images), torch.cat(labels), sizes


def first_labels(student, loader) -> torch.Tensor:
    """The labels of the first batch of a new epoch (a new iterator) of ``loader``."""
    call = student.builtin("next").call(student.builtin("iter")(loader))
    if call.raised and call.raised != "NotImplementedError":
        fail("reading the first batch of train_loader raised {error}: {details}",
             error=call.raised, details=call.error_message[:120])
    batch = call.result()
    if not isinstance(batch, (list, tuple)) or len(batch) != 2 or not isinstance(batch[1], torch.Tensor):
        fail("train_loader yielded a {kind}; each batch must be (images, labels)", kind=type(batch).__name__)
    return batch[1]


def check_values(x: torch.Tensor, want: torch.Tensor, what: str) -> None:
    expect(x.dtype == torch.float32, "{what} images have dtype {dtype}; expected float32 from ToTensor",
           what=what, dtype=x.dtype)
    if float(x.min()) >= 0 and torch.allclose(x, (want + 1) / 2, atol=1e-5):
        fail("{what} images lie in 0..1; add Normalize([0.5], [0.5]) after ToTensor so that they lie in -1..1",
             what=what)
    if not torch.allclose(x, want, atol=1e-5):
        fail("{what} images differ from (ToTensor(image) - 0.5) / 0.5 of the MNIST digits in {root!r}",
             what=what, root=ROOT)


def test_test_loader_gives_every_normalized_test_digit_in_order(student):
    images, targets = mnist(train=False)
    _, test_loader = loaders(student, 64, 0)
    x, y, _ = epoch(student, test_loader, "test_loader")
    expect(len(x) == N_TEST, "one pass over test_loader gave {count} images; the test set (train=False) has {want}",
           count=len(x), want=N_TEST)
    if not torch.equal(y, targets) and torch.equal(torch.sort(y).values, torch.sort(targets).values):
        fail("test_loader shuffles the test set; keep its order (shuffle=False)")
    expect(torch.equal(y, targets), "test_loader's labels are not those of the MNIST test set (train=False) in order")
    check_values(x, normalized_mnist(images), "test_loader")


def test_batches_have_batch_size_and_keep_the_last_partial_batch(student):
    for b in (64, 100):
        train_loader, test_loader = loaders(student, b, 1)
        _x, _y, sizes = epoch(student, test_loader, f"test_loader (batch_size={b})")
        want = [b] * (N_TEST // b) + ([N_TEST % b] if N_TEST % b else [])
        expect(sizes == want, "with batch_size={b} test_loader gave batches of sizes {sizes}; expected {want}: keep "
                              "the last, partial batch", b=b, sizes=", ".join(map(str, sizes)), want=", ".join(map(str, want)))
        length = train_loader.attr("__len__")()
        expect(length == math.ceil(N_TRAIN / b),
               "with batch_size={b} len(train_loader) is {length}; expected {want} batches, the last one partial "
               "(drop_last=False)", b=b, length=length, want=math.ceil(N_TRAIN / b))


def test_training_loader_covers_the_training_set_normalized(student):
    images, targets = mnist(train=True)
    train_loader, _ = loaders(student, 128, 2)
    x, y, _ = epoch(student, train_loader, "train_loader")
    expect(len(x) == N_TRAIN, "one pass over train_loader gave {count} images; the training set (train=True) has "
                              "{want}", count=len(x), want=N_TRAIN)
    want = normalized_mnist(images)
    got_key = sorted(zip(y.tolist(), x.double().sum(dim=(1, 2, 3)).tolist()))
    want_key = sorted(zip(targets.tolist(), want.double().sum(dim=(1, 2, 3)).tolist()))
    expect([a[0] for a in got_key] == [b[0] for b in want_key]
           and all(abs(a[1] - b[1]) < 1e-2 for a, b in zip(got_key, want_key)),
           "train_loader's images and labels are not exactly the training set's (train=True), each once per epoch")
    expect(float(x.min()) >= -1 - 1e-6 and float(x.max()) <= 1 + 1e-6 and float(x.min()) < -0.99,
           "train_loader's images must be normalized to -1..1 with Normalize([0.5], [0.5])")


def test_training_order_is_shuffled_seeded_and_new_each_epoch(student):
    _, targets = mnist(train=True)
    first_loader, _ = loaders(student, 200, 5)
    a1 = first_labels(student, first_loader)
    a2 = first_labels(student, first_loader)
    again, _ = loaders(student, 200, 5)
    b1 = first_labels(student, again)
    other, _ = loaders(student, 200, 6)
    c1 = first_labels(student, other)
    expect(not torch.equal(a1, targets[:200]), "train_loader reads the training set in its stored order; use shuffle=True")
    expect(not torch.equal(a1, a2), "train_loader gave the same order in two epochs; it must reshuffle every epoch "
                                    "(one generator that keeps its state)")
    expect(torch.equal(a1, b1), "two train_loaders made with the same seed gave different orders; pass "
                                "generator=torch.Generator().manual_seed(seed) to the DataLoader")
    expect(not torch.equal(a1, c1), "train_loaders made with seeds 5 and 6 gave the same order; seed the generator with seed")
