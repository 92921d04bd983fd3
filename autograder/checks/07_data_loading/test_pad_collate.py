"""Hidden checks for ``pad_collate(batch)``: variable-length (seq, label) samples to (padded, lengths, labels)."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, kind, listed, on, walk


@st.composite
def samples(draw, min_size: int = 1, max_len: int = 6):
    dtype = draw(st.sampled_from([torch.int64, torch.float32, torch.int32]))
    lengths = draw(st.lists(st.integers(0, max_len), min_size=min_size, max_size=5))
    rng = np.random.default_rng(draw(st.integers(0, 2**31 - 1)))
    batch = []
    for length in lengths:
        seq = torch.from_numpy(rng.integers(1, 100, length)).to(dtype)  # never 0, so padding is visible
        batch.append((seq, int(rng.integers(0, 10))))
    return batch


def oracle(batch) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max((len(s) for s, _ in batch), default=0)
    padded = torch.zeros(len(batch), width, dtype=batch[0][0].dtype)
    for i, (seq, _) in enumerate(batch):
        padded[i, : len(seq)] = seq
    return padded, torch.tensor([len(s) for s, _ in batch]), torch.tensor([y for _, y in batch])


def check_result(result, batch, what: str) -> None:
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"{what} returned a {kind(result)}; it must return the tuple (padded, lengths, labels)")
    padded, lengths, labels = result
    want_padded, want_lengths, want_labels = oracle(batch)
    if isinstance(padded, torch.Tensor) and tuple(padded.shape) == tuple(want_padded.shape)[::-1] and padded.dim() == 2 \
            and padded.shape != want_padded.shape:
        fail(f"{what}: padded has shape {tuple(padded.shape)} = (L, B); it must be (B, L): use batch_first=True")
    if isinstance(padded, torch.Tensor) and padded.dim() == 2 and padded.shape[0] == len(batch) \
            and padded.shape[1] != want_padded.shape[1]:
        fail(f"{what}: padded has {padded.shape[1]} columns; pad only up to the longest sequence of this batch "
             f"({want_padded.shape[1]})")
    if isinstance(padded, torch.Tensor) and padded.shape == want_padded.shape and padded.dtype == want_padded.dtype \
            and not torch.equal(padded, want_padded):
        flipped = torch.stack([torch.cat([torch.zeros(want_padded.shape[1] - len(s), dtype=s.dtype), s]) for s, _ in batch])
        if torch.equal(padded, flipped):
            fail(f"{what}: the padding is at the start of each row; each row must start with its sequence, zeros after it")
    expect_tensor(padded, want_padded, what=f"{what} padded")
    if isinstance(lengths, torch.Tensor) and lengths.shape == want_lengths.shape and lengths.dtype == torch.int64 \
            and not torch.equal(lengths, want_lengths) and bool((lengths == want_padded.shape[1]).all()):
        fail(f"{what}: lengths are all {want_padded.shape[1]}, the padded length; record each sequence's own length")
    for name, got in (("lengths", lengths), ("labels", labels)):
        if not isinstance(got, torch.Tensor):
            fail(f"{what}: {name} is a {kind(got)}; return an int64 tensor of shape (B,), e.g. torch.tensor(python_list)")
    expect_tensor(lengths, want_lengths, what=f"{what} lengths")
    expect_tensor(labels, want_labels, what=f"{what} labels")


@given(batch=samples())
def test_rows_hold_each_sequence_then_zeros(student, batch):
    result = student.pad_collate(batch)
    what = f"pad_collate of {len(batch)} sequences of lengths {listed(len(s) for s, _ in batch)}"
    check_result(result, batch, what)


def test_all_empty_or_single_sequences(student):
    cases = ([(torch.zeros(0, dtype=torch.int64), 3), (torch.zeros(0, dtype=torch.int64), 1)],
             [(torch.tensor([4, 5, 6]), 2)],
             [(torch.zeros(0, dtype=torch.float32), 0)],
             [(torch.tensor([1.5]), 1), (torch.tensor([2.5, 3.5, 4.5, 5.5]), 0), (torch.zeros(0), 2)])
    for batch in cases:
        check_result(student.pad_collate(batch), batch, f"pad_collate of sequences of lengths {listed(len(s) for s, _ in batch)}")


def test_works_as_the_collate_fn_of_a_dataloader(student):
    rng = np.random.default_rng(11)
    data = [(torch.from_numpy(rng.integers(1, 50, int(k))), int(y)) for k, y in zip([2, 7, 1, 3, 3, 0, 5], range(7))]
    loader = student.DataLoader(data, batch_size=3, collate_fn=student.pad_collate)
    batches = walk(student, loader, "DataLoader(..., collate_fn=pad_collate)")
    expect(len(batches) == 3, f"DataLoader(7 samples, batch_size=3, collate_fn=pad_collate) gave {len(batches)} batches; expected 3")
    for k, result in enumerate(batches):
        check_result(result, data[3 * k: 3 * k + 3], f"batch {k} of DataLoader(..., collate_fn=pad_collate)")


@given(batch=samples())
def test_sequences_are_left_unchanged(student, batch):
    call = student.pad_collate.call(batch)
    call.result()
    seen = call.args[0]
    for (seq, label), got in zip(batch, seen):
        expect(isinstance(got, (tuple, list)) and isinstance(got[0], torch.Tensor) and got[0].shape == seq.shape
               and torch.equal(got[0], seq) and got[1] == label,
               "pad_collate changed the samples it was given; build a new padded tensor instead of resizing or writing into them")


@pytest.mark.shape_only
def test_padding_is_made_on_the_sequences_device(student, device):
    """lengths and labels come from Python ints and may stay on the CPU (pack_padded_sequence wants CPU lengths)."""
    cases = ([(torch.tensor([4, 9, 2]), 1), (torch.zeros(0, dtype=torch.int64), 0), (torch.tensor([7, 1, 3, 8, 5]), 2)],
             [(torch.tensor([1.5, 2.5]), 0), (torch.tensor([0.5, 3.5, 4.5, 6.5]), 1)])
    for batch in cases:
        moved = [(on(device, seq), label) for seq, label in batch]
        what = (f"pad_collate of {str(batch[0][0].dtype).replace('torch.', '')} sequences of lengths "
                f"{listed(len(s) for s, _ in batch)} on the {device.type} device")
        result = student.pad_collate(moved)
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            fail(f"{what} returned a {kind(result)}; it must return the tuple (padded, lengths, labels)")
        want_padded, want_lengths, want_labels = oracle(batch)
        expect_tensor(result[0], on(device, want_padded), what=f"padded of {what}")
        for name, got, want in (("lengths", result[1], want_lengths), ("labels", result[2], want_labels)):
            expect(isinstance(got, torch.Tensor) and tuple(got.shape) == tuple(want.shape) and got.dtype == torch.int64,
                   f"{what}: {name} is a {kind(got)}; return an int64 tensor of shape {tuple(want.shape)}")
            if got.device.type != "meta":
                expect(torch.equal(got.cpu(), want), f"{what}: {name} holds {got.tolist()}; expected {want.tolist()}")
