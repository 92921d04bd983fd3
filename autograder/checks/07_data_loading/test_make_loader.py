"""Hidden checks for ``make_loader(dataset, batch_size, drop_last)``: ordered batches, with or without the last partial one."""
import math

import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, on, requires, walk
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import expect_a_dataloader, expect_no_worker_processes, kind, listed, tensor_batches


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 3 + 1


def loader_for(student, n: int, batch_size: int, drop_last: bool) -> Remote:
    dataset = student.TensorDataset(values_of(n))
    call = student.make_loader.call(dataset, batch_size, drop_last)
    if call.raised == "ValueError" and "num_samples" in call.error_message:
        fail("make_loader(empty dataset, {b}, drop_last={drop_last}) raised ValueError from a RandomSampler: the loader "
             "shuffles, and make_loader must not (the third positional argument of DataLoader is shuffle)",
             b=batch_size, drop_last=drop_last)
    loader = call.result()
    expect_a_dataloader(loader, "make_loader")
    expect_no_worker_processes(student, loader, "make_loader")
    return loader


def epoch(student, loader: Remote, what: str) -> list[torch.Tensor]:
    """The batches of one pass over ``loader``, each as the tensor of dataset values it holds."""
    return tensor_batches(walk(student, loader, what), what)


def called(n: int, b: int, drop_last: bool) -> str:
    """The call as messages show it."""
    return _("make_loader(dataset of {n}, {b}, drop_last={drop_last})").format(n=n, b=b, drop_last=drop_last)


def expected_sizes(n: int, b: int, drop_last: bool) -> list[int]:
    sizes = [b] * (n // b)
    if n % b and not drop_last:
        sizes.append(n % b)
    return sizes


cases = st.tuples(st.integers(0, 40), st.integers(1, 12), st.booleans())


@given(case=cases)
def test_len_counts_batches_with_and_without_drop_last(student, case):
    n, b, drop_last = case
    loader = loader_for(student, n, b, drop_last)
    got = loader.attr("__len__")()
    want = n // b if drop_last else math.ceil(n / b)
    what = f"len({called(n, b, drop_last)})"
    if got != want and got == (math.ceil(n / b) if drop_last else n // b):
        if drop_last:
            fail("{what} is {got}: with drop_last=True the last incomplete batch must be dropped; pass "
                 "drop_last=drop_last by keyword", what=what, got=got)
        fail("{what} is {got}: with drop_last=False the last incomplete batch must be kept; pass drop_last=drop_last "
             "by keyword", what=what, got=got)
    expect(got == want, "{what} is {got}; expected {want} batches", what=what, got=got, want=want)


@given(case=cases)
def test_batches_keep_dataset_order_and_size(student, case):
    n, b, drop_last = case
    what = called(n, b, drop_last)
    batches = epoch(student, loader_for(student, n, b, drop_last), what)
    sizes = [len(x) for x in batches]
    want = expected_sizes(n, b, drop_last)
    expect(sizes == want, "{what} gave batches of sizes {got}; expected {want}", what=what, got=listed(sizes),
           want=listed(want))
    seen = torch.cat(batches).tolist() if batches else []
    expect(seen == values_of(n)[: sum(want)].tolist(),
           "{what} did not read the samples in their original order; make_loader must not shuffle", what=what)


def test_last_incomplete_batch_is_kept_or_dropped(student):
    for n, b, drop_last, want in ((10, 4, False, [4, 4, 2]), (10, 4, True, [4, 4]), (8, 4, True, [4, 4]),
                                  (3, 5, False, [3]), (3, 5, True, []), (1, 1, True, [1])):
        what = called(n, b, drop_last)
        sizes = [len(x) for x in epoch(student, loader_for(student, n, b, drop_last), what)]
        expect(sizes == want, "{what} gave batches of sizes {got}; expected {want}", what=what, got=listed(sizes),
               want=listed(want))


def test_loader_can_be_iterated_for_several_epochs(student):
    loader = loader_for(student, 11, 3, False)
    what = called(11, 3, False)
    first, second = epoch(student, loader, what), epoch(student, loader, what)
    expect(len(second) == len(first) == 4,
           "{what} gave {first} batches in the first pass and {second} in the second; return the DataLoader "
           "(re-iterable every epoch), not iter(loader) or a generator", what=what, first=len(first), second=len(second))
    expect(all(torch.equal(a, b) for a, b in zip(first, second)),
           "{what} gave different batches in two passes; without shuffling every epoch has the same order", what=what)


@requires(test_batches_keep_dataset_order_and_size)
def test_loader_does_not_pin_memory(student):
    """pin_memory=True has no effect on a machine without a GPU, so the loader's setting itself is read."""
    for drop_last in (False, True):
        loader = loader_for(student, 6, 4, drop_last)
        pinned = student.builtin("getattr")(loader, "pin_memory", False)
        expect(pinned is False or pinned == 0,
               "make_loader sets pin_memory=True; pinning fails for a dataset whose tensors are already on the GPU: "
               "leave pin_memory at its default False, as the task says")


@requires(test_batches_keep_dataset_order_and_size)
@pytest.mark.shape_only
def test_batches_stay_on_the_datasets_device(student, device):
    """A small dataset may live on the GPU; the loader must not move it (pin_memory=True refuses GPU tensors)."""
    features = torch.arange(20, dtype=torch.float32).reshape(10, 2)
    targets = torch.arange(10) % 3
    dataset = student.TensorDataset(*on(device, features, targets))
    call = student.make_loader.call(dataset, 4, False)
    loader = call.result()
    expect_a_dataloader(loader, "make_loader")
    what = _("make_loader(dataset of 10 samples on the {device} device, 4, drop_last=False)").format(device=device.type)
    batches = walk(student, loader, what)
    expect(len(batches) == 3, "{what} gave {got} batches; expected 3", what=what, got=len(batches))
    for k, batch in enumerate(batches):
        if not (isinstance(batch, (list, tuple)) and len(batch) == 2):
            fail("{what} yielded a batch that is a {kind}; a batch of a two-tensor TensorDataset is a list of two "
                 "tensors (keep the default collate_fn)", what=what, kind=kind(batch))
        rows = slice(4 * k, 4 * k + 4)
        expect_tensor(batch[0], on(device, features[rows]), what=_("batch {k} of {what}: features").format(k=k, what=what))
        expect_tensor(batch[1], on(device, targets[rows]), what=_("batch {k} of {what}: targets").format(k=k, what=what))
