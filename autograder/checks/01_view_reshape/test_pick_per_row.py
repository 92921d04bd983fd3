"""Hidden checks for ``pick_per_row(x, idx)``: out[i] = x[i, idx[i]] (gather / advanced indexing)."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_device_safe, expect_tensor, fail, make_tensor, on, \
    requires

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.int16)


@st.composite
def rows_and_indices(draw, min_rows: int = 1):
    n, m = draw(st.integers(min_rows, 5)), draw(st.integers(1, 5))
    x = make_tensor((n, m), draw(st.sampled_from(DTYPES)), draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    idx = torch.tensor(draw(st.lists(st.integers(0, m - 1), min_size=n, max_size=n)), dtype=torch.int64)
    if draw(st.booleans()) and n > 0:  # sometimes a non-contiguous index tensor
        idx = torch.stack([idx, torch.zeros_like(idx)], dim=1)[:, 0]
    return x, idx


def expected_picks(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    picked = np.take_along_axis(x.numpy(), idx.numpy()[:, None], axis=1)[:, 0]
    return torch.from_numpy(picked.copy())


def pick(student, x: torch.Tensor, idx: torch.Tensor):
    call = student.pick_per_row.call(x, idx)
    result = call.result()
    n = x.shape[0]
    if isinstance(result, torch.Tensor) and tuple(result.shape) != (n,):
        fail("pick_per_row({x}, idx) has shape {shape}; it must have shape ({n},), one value per row (x[:, idx] picks "
             "whole columns; squeeze() drops a size-1 dim; squeeze only dim 1)", x=describe(x),
             shape=tuple(result.shape), n=n)
    expect_tensor(result, expected_picks(x, idx), what=f"pick_per_row({describe(x)}, idx={idx.tolist()})")
    return call, result


@given(case=rows_and_indices())
def test_values_match_take_along_axis(student, case):
    pick(student, *case)


def test_each_row_uses_its_own_index(student):
    x = torch.arange(15.0, dtype=torch.float64).view(3, 5)
    for idx in ([4, 0, 2], [1, 3, 0]):
        result = student.pick_per_row(x, torch.tensor(idx))
        expected = x[[0, 1, 2], idx]
        expect(not (isinstance(result, torch.Tensor) and result.shape == expected.shape and torch.equal(result, x.view(-1)[idx])),
               "pick_per_row(x of shape (3, 5), {idx}) indexes the flattened x (like torch.take); each value must come "
               "from its own row i, at the column idx gives for row i", idx=idx)
        pick(student, x, torch.tensor(idx))
    tall = torch.arange(10, dtype=torch.int32).view(5, 2)
    pick(student, tall, torch.tensor([1, 0, 1, 1, 0]))


def test_result_has_shape_n_when_n_or_m_is_one(student):
    cases = ((torch.tensor([[1.5, 2.5, 3.5]]), [2]), (torch.tensor([[7], [8], [9]], dtype=torch.int32), [0, 0, 0]),
             (torch.tensor([[4.0]]), [0]))
    for x, idx in cases:
        pick(student, x, torch.tensor(idx))


def test_repeated_indices(student):
    x = make_tensor((4, 3), torch.float64, 3, "transposed")
    for idx in ([2, 2, 2, 2], [0, 0, 0, 0], [1, 1, 0, 0]):
        pick(student, x, torch.tensor(idx))


@requires(test_values_match_take_along_axis)
def test_zero_rows_gives_an_empty_result(student):
    for m, dtype in ((3, torch.float32), (1, torch.int64), (5, torch.float64)):
        x, idx = torch.zeros(0, m, dtype=dtype), torch.zeros(0, dtype=torch.int64)
        call = student.pick_per_row.call(x, idx)
        if call.raised and call.raised != "NotImplementedError":
            fail("pick_per_row(x of shape (0, {m}), empty idx) raised {error}; with 0 rows the answer is an empty tensor "
                 "of shape (0,) with x's dtype (vectorize instead of stacking a Python list)", m=m, error=call.raised)
        pick(student, x, idx)


@requires(test_values_match_take_along_axis)
@given(case=rows_and_indices())
def test_inputs_are_left_unchanged(student, case):
    x, idx = case
    call, _ = pick(student, x, idx)
    seen_x, seen_idx = call.args[0], call.args[1]
    expect(tuple(seen_x.shape) == tuple(x.shape) and torch.equal(seen_x, x),
           "pick_per_row changed x ({x}); reading values must not modify the input", x=describe(x))
    expect(tuple(seen_idx.shape) == tuple(idx.shape) and torch.equal(seen_idx, idx),
           "pick_per_row changed idx from shape {before} to {after} or its values; use idx.unsqueeze(1), not the "
           "in-place unsqueeze_", before=tuple(idx.shape), after=tuple(seen_idx.shape))


@requires(test_values_match_take_along_axis)
@pytest.mark.shape_only
def test_works_for_inputs_on_any_device(student, device):
    x = make_tensor((4, 3), torch.float64, 11, "transposed")
    idx = torch.tensor([2, 0, 1, 2])
    moved_x, moved_idx = on(device, x, idx)
    what = f"pick_per_row({describe(moved_x)}, idx on {device.type})"
    call = student.pick_per_row.call(moved_x, moved_idx)
    if call.raised == "RuntimeError" and "device" in call.error_message:
        fail("{what} mixed devices: a tensor made without device=, such as torch.arange(n), lives on the CPU; make it "
             "with device=x.device so it combines with inputs on any device", what=what)
    if device.type == "meta":  # a boolean mask needs data; reaching it with every tensor on the input's device is fine
        expect_device_safe(call, what)
        if call.raised is not None:
            return
    expect_tensor(call.result(), on(device, expected_picks(x, idx)), what=what)
