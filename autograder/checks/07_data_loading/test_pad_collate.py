"""Hidden checks for ``pad_collate(batch)``: variable-length (seq, label) samples to (padded, lengths, labels)."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, on, requires, walk
from autograder.i18n import _
from checks_07_data_loading import kind, listed


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
    for i, (seq, _label) in enumerate(batch):
        padded[i, : len(seq)] = seq
    return padded, torch.tensor([len(s) for s, _ in batch]), torch.tensor([y for _, y in batch])


def described(batch) -> str:
    """The call as messages show it."""
    return _("pad_collate of {count} sequences of lengths {lengths}").format(
        count=len(batch), lengths=listed(len(s) for s, _ in batch))


def check_result(result, batch, what: str) -> None:
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail("{what} returned a {kind}; it must return the tuple (padded, lengths, labels)", what=what, kind=kind(result))
    padded, lengths, labels = result
    want_padded, want_lengths, want_labels = oracle(batch)
    if isinstance(padded, torch.Tensor) and tuple(padded.shape) == tuple(want_padded.shape)[::-1] and padded.dim() == 2 \
            and padded.shape != want_padded.shape:
        fail("{what}: padded has shape {shape} = (L, B); it must be (B, L): use batch_first=True",
             what=what, shape=tuple(padded.shape))
    if isinstance(padded, torch.Tensor) and padded.dim() == 2 and padded.shape[0] == len(batch) \
            and padded.shape[1] != want_padded.shape[1]:
        fail("{what}: padded has {got} columns; pad only up to the longest sequence of this batch ({want})",
             what=what, got=padded.shape[1], want=want_padded.shape[1])
    if isinstance(padded, torch.Tensor) and padded.shape == want_padded.shape and padded.dtype == want_padded.dtype \
            and not torch.equal(padded, want_padded):
        flipped = torch.stack([torch.cat([torch.zeros(want_padded.shape[1] - len(s), dtype=s.dtype), s]) for s, _ in batch])
        if torch.equal(padded, flipped):
            fail("{what}: the padding is at the start of each row; each row must start with its sequence, zeros after it",
                 what=what)
    expect_tensor(padded, want_padded, what=_("{what} padded").format(what=what))
    if isinstance(lengths, torch.Tensor) and lengths.shape == want_lengths.shape and lengths.dtype == torch.int64 \
            and not torch.equal(lengths, want_lengths):
        if bool((lengths == want_padded.shape[1]).all()):
            fail("{what}: lengths are all {width}, the padded length; record each sequence's own length",
                 what=what, width=want_padded.shape[1])
        if lengths.tolist() == [int((s != 0).sum()) for s, _ in batch]:
            fail("{what}: lengths are {got}, the non-zero entries of each row; a sequence may contain 0 itself: "
                 "take len(seq) of each sequence, expected {want}", what=what, got=listed(lengths.tolist()),
                 want=listed(want_lengths.tolist()))
    for name, got in (("lengths", lengths), ("labels", labels)):
        if not isinstance(got, torch.Tensor):
            fail("{what}: {name} is a {kind}; return an int64 tensor of shape (B,), e.g. torch.tensor(python_list)",
                 what=what, name=name, kind=kind(got))
    expect_tensor(lengths, want_lengths, what=_("{what} lengths").format(what=what))
    expect_tensor(labels, want_labels, what=_("{what} labels").format(what=what))


@given(batch=samples())
def test_rows_hold_each_sequence_then_zeros(student, batch):
    check_result(student.pad_collate(batch), batch, described(batch))


@requires(test_rows_hold_each_sequence_then_zeros)
def test_lengths_count_zeros_inside_the_sequences(student):
    """Zeros inside or at the end of a sequence are part of it; only the padding is not."""
    cases = ([(torch.tensor([3, 0, 5]), 1), (torch.tensor([0, 0]), 0), (torch.tensor([7, 2, 0, 0]), 2)],
             [(torch.tensor([0.0, 1.5]), 1), (torch.tensor([2.5, 0.0, 0.0]), 0), (torch.tensor([4.0]), 3)],
             [(torch.tensor([0], dtype=torch.int32), 4), (torch.tensor([6, 0, 9], dtype=torch.int32), 5)])
    for batch in cases:
        values = listed(listed(s.tolist()) for s, _ in batch)
        check_result(student.pad_collate(batch), batch,
                     _("pad_collate of the sequences {values}").format(values=values))


@requires(test_rows_hold_each_sequence_then_zeros)
def test_all_empty_or_single_sequences(student):
    cases = ([(torch.zeros(0, dtype=torch.int64), 3), (torch.zeros(0, dtype=torch.int64), 1)],
             [(torch.tensor([4, 5, 6]), 2)],
             [(torch.zeros(0, dtype=torch.float32), 0)],
             [(torch.tensor([1.5]), 1), (torch.tensor([2.5, 3.5, 4.5, 5.5]), 0), (torch.zeros(0), 2)])
    for batch in cases:
        check_result(student.pad_collate(batch), batch, described(batch))


def test_works_as_the_collate_fn_of_a_dataloader(student):
    rng = np.random.default_rng(11)
    data = [(torch.from_numpy(rng.integers(1, 50, int(k))), int(y)) for k, y in zip([2, 7, 1, 3, 3, 0, 5], range(7))]
    loader = student.DataLoader(data, batch_size=3, collate_fn=student.pad_collate)
    batches = walk(student, loader, "DataLoader(..., collate_fn=pad_collate)")
    expect(len(batches) == 3, "DataLoader(7 samples, batch_size=3, collate_fn=pad_collate) gave {got} batches; expected 3",
           got=len(batches))
    for k, result in enumerate(batches):
        check_result(result, data[3 * k: 3 * k + 3],
                     _("batch {k} of DataLoader(..., collate_fn=pad_collate)").format(k=k))


@requires(test_rows_hold_each_sequence_then_zeros)
@given(batch=samples())
def test_sequences_are_left_unchanged(student, batch):
    call = student.pad_collate.call(batch)
    call.result()
    seen = call.args[0]
    for (seq, label), got in zip(batch, seen):
        expect(isinstance(got, (tuple, list)) and isinstance(got[0], torch.Tensor) and got[0].shape == seq.shape
               and torch.equal(got[0], seq) and got[1] == label,
               "pad_collate changed the samples it was given; build a new padded tensor instead of resizing or writing "
               "into them")


@requires(test_rows_hold_each_sequence_then_zeros)
@pytest.mark.shape_only
def test_padding_is_made_on_the_sequences_device(student, device):
    """lengths and labels come from Python ints and may stay on the CPU (pack_padded_sequence wants CPU lengths)."""
    cases = ([(torch.tensor([4, 9, 2]), 1), (torch.zeros(0, dtype=torch.int64), 0), (torch.tensor([7, 1, 3, 8, 5]), 2)],
             [(torch.tensor([1.5, 2.5]), 0), (torch.tensor([0.5, 3.5, 4.5, 6.5]), 1)])
    for batch in cases:
        moved = [(on(device, seq), label) for seq, label in batch]
        what = _("pad_collate of {dtype} sequences of lengths {lengths} on the {device} device").format(
            dtype=str(batch[0][0].dtype).replace("torch.", ""), lengths=listed(len(s) for s, _ in batch),
            device=device.type)
        result = student.pad_collate(moved)
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            fail("{what} returned a {kind}; it must return the tuple (padded, lengths, labels)", what=what,
                 kind=kind(result))
        want_padded, want_lengths, want_labels = oracle(batch)
        expect_tensor(result[0], on(device, want_padded), what=_("padded of {what}").format(what=what))
        for name, got, want in (("lengths", result[1], want_lengths), ("labels", result[2], want_labels)):
            expect(isinstance(got, torch.Tensor) and tuple(got.shape) == tuple(want.shape) and got.dtype == torch.int64,
                   "{what}: {name} is a {kind}; return an int64 tensor of shape {shape}", what=what, name=name,
                   kind=kind(got), shape=tuple(want.shape))
            if got.device.type != "meta":
                expect(torch.equal(got.cpu(), want), "{what}: {name} holds {got}; expected {want}", what=what, name=name,
                       got=got.tolist(), want=want.tolist())
