"""Hidden checks for ``any_reshape(x, shape)``: a view when possible, a contiguous copy otherwise."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, make_tensor, on, requires, shapes, tensors
from autograder.oracles import row_major_reshape
from checks_01_view_reshape import can_view, regroupings, shares_storage, writes_through

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


def reshaped(student, x: torch.Tensor, shape: tuple):
    call = student.any_reshape.call(x, shape)
    what = f"any_reshape({describe(x)}, {shape})"
    if call.raised == "RuntimeError" and not can_view(x, shape):
        fail("{what} raised RuntimeError: x.view cannot handle this layout; use reshape (or make x contiguous first) "
             "so a copy is made when a view is impossible", what=what)
    result = call.result()
    expect_tensor(result, row_major_reshape(x, shape), what=what)
    return call, result


@given(data=st.data(), x=tensors(dtypes=DTYPES, max_dims=3))
def test_values_follow_row_major_order_for_any_layout(student, data, x):
    reshaped(student, x, data.draw(regroupings(tuple(x.shape))))


@given(data=st.data(), x=tensors(dtypes=DTYPES, layouts=("contiguous",), max_dims=3, min_side=1))
def test_contiguous_input_gives_a_view(student, data, x):
    shape = data.draw(regroupings(tuple(x.shape)))
    call, result = reshaped(student, x, shape)
    expect(shares_storage(result, call.args[0]) and writes_through(result, call.args[0]),
           "any_reshape({x}, {shape}) copied a contiguous input; a contiguous tensor can always be viewed, so return a "
           "view that shares its storage (x.view) instead of cloning or converting the data",
           x=describe(x), shape=shape)


@given(data=st.data(), shape=shapes(min_dims=2, max_dims=3, min_side=2, max_side=4), dtype=st.sampled_from(DTYPES),
       seed=st.integers(0, 2**31 - 1))
def test_incompatible_layout_gives_a_contiguous_copy(student, data, shape, dtype, seed):
    x = make_tensor(shape, dtype, seed, "transposed")
    target = data.draw(regroupings(shape))
    if can_view(x, target):
        target = (-1,)
    call, result = reshaped(student, x, target)
    expect(result.is_contiguous(),
           "any_reshape({x}, {shape}) returned a non-contiguous tensor; when no view is possible the copy must be "
           "contiguous", x=describe(x), shape=target)
    expect(not writes_through(result, call.args[0]),
           "writing into any_reshape({x}, {shape}) changed x; when no view is possible the result must be a separate "
           "copy", x=describe(x), shape=target)


@requires(test_values_follow_row_major_order_for_any_layout)
@given(data=st.data(), x=tensors(dtypes=DTYPES, max_dims=3))
def test_input_is_left_unchanged(student, data, x):
    shape = data.draw(regroupings(tuple(x.shape)))
    call, _ = reshaped(student, x, shape)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and (seen.stride() == x.stride() or x.numel() <= 1),
           "any_reshape changed its input from {before} to {after}: return a new tensor, do not reshape x in place "
           "(resize_, set_, .data =, .t_())", before=describe(x), after=describe(seen))
    expect(torch.equal(seen, x), "any_reshape changed the values of its input ({x}); reshaping must not modify x",
           x=describe(x))


@requires(test_values_follow_row_major_order_for_any_layout)
def test_reshapes_empty_tensors(student):
    cases = [((0, 3), (3, 0), "contiguous"), ((2, 0, 4), (0,), "contiguous"), ((0,), (-1,), "contiguous"),
             ((0, 5), (5, 0, 1), "transposed"), ((3, 0), (0, 2), "strided"), ((4, 0), (2, 0, 2), "transposed")]
    for shape, target, layout in cases:
        reshaped(student, make_tensor(shape, torch.float32, 0, layout), target)


@requires(test_values_follow_row_major_order_for_any_layout)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((3, 4), (2, 6), "contiguous", torch.float32), ((3, 4), (-1,), "transposed", torch.int64),
             ((2, 3, 2), (3, -1), "strided", torch.float64))
    for shape, target, layout, dtype in cases:
        x = make_tensor(shape, dtype, 5, layout)
        moved = on(device, x)
        what = f"any_reshape({describe(moved)}, {target})"
        call = student.any_reshape.call(moved, target)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() only works for CPU tensors; reshape with torch (x.reshape), which "
                 "keeps the result on x's device", what=what)
        expect_tensor(call.result(), on(device, row_major_reshape(x, target)), what=what)
