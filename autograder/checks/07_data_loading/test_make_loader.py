"""Hidden checks for ``make_loader(dataset, batch_size, drop_last)``: ordered batches, with or without the last partial one."""
import math

import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, kind, listed, on, walk
from autograder.student import Remote


def values_of(n: int) -> torch.Tensor:
    return torch.arange(n, dtype=torch.int64) * 3 + 1


def loader_for(student, n: int, batch_size: int, drop_last: bool) -> Remote:
    dataset = student.TensorDataset(values_of(n))
    call = student.make_loader.call(dataset, batch_size, drop_last)
    if call.raised == "ValueError" and "num_samples" in call.error_message:
        fail(f"make_loader(empty dataset, {batch_size}, drop_last={drop_last}) raised ValueError from a RandomSampler; "
             f"make_loader must not shuffle (the third positional argument of DataLoader is shuffle)")
    loader = call.result()
    expect(isinstance(loader, Remote), f"make_loader returned a {kind(loader)}; return the DataLoader itself")
    return loader


def epoch(student, loader: Remote, what: str) -> list[torch.Tensor]:
    """The batches of one pass over ``loader``, each as the tensor of dataset values it holds."""
    batches = walk(student, loader, what)
    out = []
    for batch in batches:
        if isinstance(batch, (list, tuple)) and len(batch) == 1:
            batch = batch[0]
        if not isinstance(batch, torch.Tensor) or batch.dim() != 1:
            fail(f"{what} yielded a batch that is a {kind(batch)}; a TensorDataset batch is a list holding one 1-D tensor "
                 f"(keep the default collate_fn)")
        out.append(batch)
    return out


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
    if got != want and got == (math.ceil(n / b) if drop_last else n // b):
        fail(f"len(make_loader(dataset of {n}, {b}, drop_last={drop_last})) is {got}: drop_last={drop_last} "
             f"{'must drop' if drop_last else 'must keep'} the last incomplete batch; pass drop_last=drop_last by keyword")
    expect(got == want, f"len(make_loader(dataset of {n}, {b}, drop_last={drop_last})) is {got}; expected {want} batches")


@given(case=cases)
def test_batches_keep_dataset_order_and_size(student, case):
    n, b, drop_last = case
    what = f"make_loader(dataset of {n}, {b}, drop_last={drop_last})"
    batches = epoch(student, loader_for(student, n, b, drop_last), what)
    sizes = [len(x) for x in batches]
    want = expected_sizes(n, b, drop_last)
    expect(sizes == want, f"{what} gave batches of sizes {listed(sizes)}; expected {listed(want)}")
    seen = torch.cat(batches).tolist() if batches else []
    expect(seen == values_of(n)[: sum(want)].tolist(),
           f"{what} did not read the samples in their original order; make_loader must not shuffle")


def test_last_incomplete_batch_is_kept_or_dropped(student):
    for n, b, drop_last, want in ((10, 4, False, [4, 4, 2]), (10, 4, True, [4, 4]), (8, 4, True, [4, 4]),
                                  (3, 5, False, [3]), (3, 5, True, []), (1, 1, True, [1])):
        what = f"make_loader(dataset of {n}, {b}, drop_last={drop_last})"
        sizes = [len(x) for x in epoch(student, loader_for(student, n, b, drop_last), what)]
        expect(sizes == want, f"{what} gave batches of sizes {listed(sizes)}; expected {listed(want)}")


def test_loader_can_be_iterated_for_several_epochs(student):
    loader = loader_for(student, 11, 3, False)
    what = "make_loader(dataset of 11, 3, drop_last=False)"
    first, second = epoch(student, loader, what), epoch(student, loader, what)
    expect(len(second) == len(first) == 4,
           f"{what} gave {len(first)} batches in the first pass and {len(second)} in the second; return the DataLoader "
           f"(re-iterable every epoch), not iter(loader) or a generator")
    expect(all(torch.equal(a, b) for a, b in zip(first, second)),
           f"{what} gave different batches in two passes; without shuffling every epoch has the same order")


@pytest.mark.shape_only
def test_batches_stay_on_the_datasets_device(student, device):
    """A small dataset may live on the GPU; the loader must not move it (pin_memory=True refuses GPU tensors)."""
    features = torch.arange(20, dtype=torch.float32).reshape(10, 2)
    targets = torch.arange(10) % 3
    dataset = student.TensorDataset(*on(device, features, targets))
    call = student.make_loader.call(dataset, 4, False)
    loader = call.result()
    expect(isinstance(loader, Remote), f"make_loader returned a {kind(loader)}; return the DataLoader itself")
    what = f"make_loader(dataset of 10 samples on the {device.type} device, 4, drop_last=False)"
    batches = walk(student, loader, what)
    expect(len(batches) == 3, f"{what} gave {len(batches)} batches; expected 3")
    for k, batch in enumerate(batches):
        if not (isinstance(batch, (list, tuple)) and len(batch) == 2):
            fail(f"{what} yielded a batch that is a {kind(batch)}; a batch of a two-tensor TensorDataset is a list of two "
                 f"tensors (keep the default collate_fn)")
        rows = slice(4 * k, 4 * k + 4)
        expect_tensor(batch[0], on(device, features[rows]), what=f"batch {k} of {what}: features")
        expect_tensor(batch[1], on(device, targets[rows]), what=f"batch {k} of {what}: targets")
