"""Hidden checks for ``positives(x)``: boolean-mask selection x[x > 0] (a 1-D copy in row-major order)."""
import pytest
import torch
from hypothesis import given

from autograder.checking import (describe, expect, expect_device_safe, expect_tensor, fail, make_tensor, on, requires,
                                 tensors)
from autograder.i18n import _
from checks_01_view_reshape import shares_storage, writes_through

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.int8)


def expected_positives(x: torch.Tensor) -> torch.Tensor:
    values = x.numpy()
    return torch.from_numpy(values[values > 0].copy()).reshape(-1)


def positives(student, x: torch.Tensor):
    call = student.positives.call(x)
    result = call.result()
    if isinstance(result, torch.Tensor) and result.dim() != 1:
        fail("positives({x}) returned shape {shape}; it must be 1-D, one entry per positive value (a mask selection, "
             "not where/multiplication that keeps x's shape, and no squeeze())", x=describe(x), shape=tuple(result.shape))
    expect_tensor(result, expected_positives(x), what=f"positives({describe(x)})")
    return call, result


@given(x=tensors(dtypes=DTYPES, max_dims=4))
def test_values_match_numpy_boolean_mask(student, x):
    positives(student, x)


def test_zero_is_not_positive(student):
    for x in (torch.tensor([0.0, -0.0, 1e-30, -1e-30, 3.0, 0.0]), torch.tensor([[0, -1, 1], [0, 2, 0]]),
              torch.tensor([0, 0, 5], dtype=torch.int8)):
        result = student.positives(x)
        if isinstance(result, torch.Tensor) and result.numel() > expected_positives(x).numel():
            fail("positives({x}) kept zeros or negatives ({got}); only entries > 0 count (0 is not positive)",
                 x=x.tolist(), got=result.tolist())
        positives(student, x)


def test_result_is_a_new_tensor(student):
    for x in (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([[4, 5], [6, 7]]), torch.tensor([-1.0, 2.0, 0.5]),
              torch.tensor([[3]], dtype=torch.int32)):
        call, result = positives(student, x)
        expect(not shares_storage(result, call.args[0]) and not writes_through(result, call.args[0]),
               "positives({x}) returned a view of x; the result must be a new tensor (masked selection always copies)",
               x=x.tolist())


@requires(test_values_match_numpy_boolean_mask)
@given(x=tensors(dtypes=DTYPES, max_dims=3))
def test_input_is_left_unchanged(student, x):
    call = positives(student, x)[0]
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and seen.dtype == x.dtype and torch.equal(seen, x),
           "positives changed its input ({x}); select the positive entries without modifying x (no in-place changes "
           "such as masked assignment or clamp_)", x=describe(x))


@requires(test_values_match_numpy_boolean_mask)
def test_empty_and_single_results_are_1d(student):
    cases = (torch.tensor([-1.0, 0.0, -2.5]), torch.zeros(2, 3, dtype=torch.int64), torch.zeros(0, 4),
             torch.tensor([-3, 4, -5], dtype=torch.int32), torch.tensor([[0.0], [2.0]]), torch.tensor(5.0),
             torch.tensor(-5))
    for x in cases:
        positives(student, x)


def test_order_is_row_major_for_transposed_input(student):
    x = torch.tensor([[1, -1, 2], [3, 4, -2], [-3, 5, 6], [7, 0, 8]]).t()  # shape (3, 4), non-contiguous
    expect_tensor(student.positives(x), expected_positives(x),
                  what=_("positives({x}) (entries must come in row-major order of x as you see it, not memory "
                         "order)").format(x=describe(x)))
    y = make_tensor((3, 5), torch.float64, 7, "transposed")
    positives(student, y)


@requires(test_values_match_numpy_boolean_mask)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (make_tensor((3, 4), torch.float32, 3, "transposed"), make_tensor((2, 5), torch.int64, 4),
             torch.tensor([-1.0, 0.0, 2.5], dtype=torch.float64))
    for x in cases:
        moved = on(device, x)
        what = f"positives({describe(moved)})"
        call = student.positives.call(moved)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() only works for CPU tensors; select with a torch boolean mask "
                 "(x[x > 0]), which keeps the result on x's device", what=what)
        if call.raised == "NotImplementedError" and "cannot copy out of meta" in call.error_message.lower():
            fail("{what} copied x off its device (.cpu() or .tolist()) to select on the CPU; select with a torch "
                 "boolean mask (x[x > 0]), which keeps the result on x's device", what=what)
        if device.type == "meta":  # a mask selection needs data; reaching it with x on its own device is fine
            expect_device_safe(call, what)
            if call.raised is not None:
                continue
        expect_tensor(call.result(), on(device, expected_positives(x)), what=what)
