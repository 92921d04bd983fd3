"""Hidden checks for ``compare_tensors(a, b)``: (a == b broadcast as a bool mask, a Python bool that is True exactly
for equal shapes whose elements are pairwise equal or both nan)."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

from autograder.checking import (LAYOUTS, describe, expect, expect_device_safe, expect_tensor, fail, make_tensor, on,
                                 requires)
from autograder.i18n import _

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


def small_values(shape: tuple, dtype: torch.dtype, seed: int, layout: str) -> torch.Tensor:
    """Values 0, 1, 2 only, so that equal entries are common."""
    x = make_tensor(shape, torch.float64 if not dtype.is_floating_point else dtype, seed, layout, low=0, high=3)
    with torch.no_grad():
        x.floor_()
    return x if dtype.is_floating_point else x.to(dtype)


@st.composite
def pairs(draw):
    dtype = draw(st.sampled_from(DTYPES))
    mode = draw(st.sampled_from(["broadcast", "same values", "one difference", "same values with nan"]))
    if mode == "broadcast":
        shape_a, shape_b = draw(mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3)).input_shapes
        a = small_values(shape_a, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
        b = small_values(shape_b, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
        return a, b
    shape = tuple(draw(st.lists(st.integers(0, 3), max_size=3)))
    a = small_values(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    if mode == "same values with nan" and dtype.is_floating_point and a.numel():
        with torch.no_grad():
            a[np.unravel_index(draw(st.integers(0, a.numel() - 1)), shape)] = float("nan")
    values = a.reshape(-1).clone()
    if mode == "one difference" and values.numel():
        values[draw(st.integers(0, values.numel() - 1))] += 1
    b = values.view(shape)
    if draw(st.booleans()) and len(shape) >= 2:  # the same logical values, stored column-major
        order = tuple(reversed(range(len(shape))))
        b = b.permute(order).contiguous().permute(order)
    return a, b


def oracle(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, bool]:
    x, y = a.numpy(), b.numpy()
    mask = torch.from_numpy(np.asarray(np.equal(x, y)).copy())
    same = tuple(a.shape) == tuple(b.shape) and bool(np.array_equal(x, y, equal_nan=a.dtype.is_floating_point))
    return mask, same


def unpack(student, a: torch.Tensor, b: torch.Tensor):
    call = student.compare_tensors.call(a, b)
    result = call.result()
    what = f"compare_tensors(a: {describe(a)}, b: {describe(b)})"
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("{what} returned {got}; it must return a pair (mask, same)", what=what, got=describe(result))
    return call, result[0], result[1], what


def check_mask(student, a: torch.Tensor, b: torch.Tensor):
    call, mask, _same, what = unpack(student, a, b)
    expected, _same = oracle(a, b)
    if isinstance(mask, torch.Tensor) and mask.shape == expected.shape and mask.dtype != torch.bool:
        fail("{what}: mask has dtype {got}; a comparison gives a torch.bool tensor (do not convert it)",
             what=what, got=mask.dtype)
    expect_tensor(mask, expected, what=_("the mask of {what}").format(what=what))
    return call


def check_same(student, a: torch.Tensor, b: torch.Tensor, hint: str = ""):
    call, _mask, same, what = unpack(student, a, b)
    _mask, expected = oracle(a, b)
    if isinstance(same, torch.Tensor) or type(same).__module__ == "numpy":
        fail("{what}: same is a {kind}; it must be a Python bool, like torch.equal returns "
             "(a tensor or NumPy bool is not a bool)", what=what, kind=type(same).__name__)
    expect(type(same) is bool, "{what}: same is {got}; it must be a Python bool", what=what, got=describe(same))
    expect(same == expected, "{what}: same is {got}; expected {expected}{hint}", what=what, got=same, expected=expected,
           hint=hint)
    return call


@given(case=pairs())
def test_mask_is_the_broadcast_element_wise_comparison(student, case):
    check_mask(student, *case)


@given(case=pairs())
def test_same_is_true_only_for_equal_shapes_and_values(student, case):
    check_same(student, *case, hint=_(" (same needs exactly the same shape and every pair of elements equal or both "
                                      "nan)"))


def test_broadcastable_but_different_shapes_are_not_the_same(student):
    cases = ((torch.tensor([1, 2, 3]), torch.tensor([[1, 2, 3]])), (torch.tensor([[2.0], [2.0]]), torch.tensor(2.0)),
             (torch.ones(2, 3), torch.ones(3)), (torch.zeros(0), torch.zeros(1, 0)), (torch.tensor([5]), torch.tensor(5)))
    for a, b in cases:
        check_same(student, a, b, hint=_(": the elements agree after broadcasting, but torch.equal does not broadcast: "
                                         "different shapes are never the same; (a == b).all() is not torch.equal"))
        check_mask(student, a, b)


def test_close_values_are_not_equal(student):
    a = torch.tensor([1.0, 2.0, 1e6], dtype=torch.float64)
    b = torch.tensor([1.0 + 1e-12, 2.0, 1e6 + 1e-4], dtype=torch.float64)
    check_same(student, a, b, hint=_(": the values are only close; allclose has a tolerance, equal needs exact equality"))
    check_mask(student, a, b)
    c = torch.tensor([[0.5, 0.25 + 1e-7]])
    check_mask(student, c, torch.tensor([[0.5, 0.25]]))


def test_nan_matches_nan_in_same_but_never_in_the_mask(student):
    inf, nan = float("inf"), float("nan")
    a = torch.tensor([inf, -inf, nan, 1.0, inf])
    b = torch.tensor([inf, -inf, nan, 1.0, -inf])
    check_mask(student, a, b)
    check_same(student, a, a.clone(), hint=_(": both hold nan at the same places, which counts as the same here; "
                                             "torch.equal alone says False because nan != nan"))
    check_same(student, a[:2], b[:2])
    check_same(student, a, b, hint=_(": inf equals only an inf of the same sign"))
    check_same(student, torch.tensor([nan, 2.0], dtype=torch.float64), torch.tensor([1.0, 2.0], dtype=torch.float64),
               hint=_(": a nan facing a number is a difference; only nan facing nan counts as equal"))
    check_same(student, torch.tensor([1.0, 2.0]), torch.tensor([1.0, nan]),
               hint=_(": a nan facing a number is a difference; only nan facing nan counts as equal"))
    check_same(student, torch.tensor([nan]), torch.tensor([[nan]]),
               hint=_(": the shapes differ, so the tensors are not the same even though both hold only nan"))
    check_mask(student, a.view(5, 1), b)


@requires(test_mask_is_the_broadcast_element_wise_comparison)
@given(case=pairs())
def test_inputs_are_left_unchanged(student, case):
    a, b = case
    call = check_mask(student, a, b)
    for name, before, after in (("a", a, call.args[0]), ("b", b, call.args[1])):
        expect(tuple(after.shape) == tuple(before.shape) and after.dtype == before.dtype
               and bool(np.array_equal(after.numpy(), before.numpy(), equal_nan=before.dtype.is_floating_point)),
               "compare_tensors changed {name} ({x}): comparing must not modify the inputs", name=name, x=describe(before))


@requires(test_mask_is_the_broadcast_element_wise_comparison, test_same_is_true_only_for_equal_shapes_and_values)
@pytest.mark.shape_only
def test_works_for_inputs_on_any_device(student, device):
    cases = ((small_values((2, 3), torch.int64, 1, "transposed"), small_values((3,), torch.int64, 2, "contiguous")),
             (small_values((3, 2), torch.float32, 3, "strided"), small_values((3, 2), torch.float32, 3, "strided")))
    for a, b in cases:
        moved_a, moved_b = on(device, a, b)
        what = f"compare_tensors(a: {describe(moved_a)}, b: {describe(moved_b)})"
        call = student.compare_tensors.call(moved_a, moved_b)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() works only for CPU tensors; compare with torch (a == b, "
                 "torch.equal), which works on every device", what=what)
        if device.type == "meta":  # torch.equal needs values: reaching it with every tensor on the inputs' device is fine
            expect_device_safe(call, what)
            if call.raised is not None:
                continue
        result = call.result()
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail("{what} returned {got}; it must return a pair (mask, same)", what=what, got=describe(result))
        expected_mask, expected_same = oracle(a, b)
        expect_tensor(result[0], on(device, expected_mask), what=_("the mask of {what}").format(what=what))
        if device.type != "meta":
            expect(type(result[1]) is bool and result[1] == expected_same,
                   "{what}: same is {got}; expected the Python bool {expected}", what=what, got=describe(result[1]),
                   expected=expected_same)
