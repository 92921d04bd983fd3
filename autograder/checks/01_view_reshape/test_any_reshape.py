"""Hidden checks for ``any_reshape(x, start_dim)``: merge dims start_dim.. into one, a view when possible, a contiguous copy otherwise."""
import math

import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, make_tensor, on, requires, shapes, tensors
from autograder.oracles import row_major_reshape
from checks_01_view_reshape import can_view, shares_storage, writes_through

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


def merged_shape(shape: tuple, start_dim: int) -> tuple:
    return tuple(shape[:start_dim]) + (math.prod(shape[start_dim:]),)


def reshaped(student, x: torch.Tensor, start_dim: int):
    call = student.any_reshape.call(x, start_dim)
    what = f"any_reshape({describe(x)}, {start_dim})"
    target = merged_shape(tuple(x.shape), start_dim)
    if call.raised == "RuntimeError" and x.numel() == 0:
        fail("{what} raised RuntimeError: x has no elements, so -1 cannot be inferred; compute the merged size as the "
             "product of x.shape[start_dim:] (it is 0 here)", what=what)
    if call.raised == "RuntimeError" and not can_view(x, target):
        fail("{what} raised RuntimeError: x.view cannot handle this layout; use reshape (or make x contiguous first) "
             "so a copy is made when a view is impossible", what=what)
    result = call.result()
    expect_tensor(result, row_major_reshape(x, target), what=what)
    return call, result


@given(data=st.data(), x=tensors(dtypes=DTYPES, min_dims=1, max_dims=3))
def test_merges_the_trailing_dims_in_row_major_order(student, data, x):
    reshaped(student, x, data.draw(st.integers(0, x.dim() - 1)))


@given(data=st.data(), x=tensors(dtypes=DTYPES, layouts=("contiguous",), min_dims=1, max_dims=3, min_side=1))
def test_contiguous_input_gives_a_view(student, data, x):
    start_dim = data.draw(st.integers(0, x.dim() - 1))
    call, result = reshaped(student, x, start_dim)
    expect(shares_storage(result, call.args[0]) and writes_through(result, call.args[0]),
           "any_reshape({x}, {start_dim}) copied a contiguous input; a contiguous tensor can always be viewed, so "
           "return a view that shares its storage (x.view) instead of cloning or converting the data",
           x=describe(x), start_dim=start_dim)


@given(data=st.data(), shape=shapes(min_dims=2, max_dims=3, min_side=2, max_side=4), dtype=st.sampled_from(DTYPES),
       seed=st.integers(0, 2**31 - 1))
def test_incompatible_layout_gives_a_contiguous_copy(student, data, shape, dtype, seed):
    x = make_tensor(shape, dtype, seed, "transposed")
    start_dim = data.draw(st.integers(0, len(shape) - 2))
    if can_view(x, merged_shape(shape, start_dim)):
        start_dim = 0
    call, result = reshaped(student, x, start_dim)
    expect(result.is_contiguous(),
           "any_reshape({x}, {start_dim}) returned a non-contiguous tensor; when no view is possible the copy must be "
           "contiguous", x=describe(x), start_dim=start_dim)
    expect(not writes_through(result, call.args[0]),
           "writing into any_reshape({x}, {start_dim}) changed x; when no view is possible the result must be a "
           "separate copy", x=describe(x), start_dim=start_dim)


@requires(test_merges_the_trailing_dims_in_row_major_order)
@given(data=st.data(), x=tensors(dtypes=DTYPES, min_dims=1, max_dims=3))
def test_input_is_left_unchanged(student, data, x):
    call, _ = reshaped(student, x, data.draw(st.integers(0, x.dim() - 1)))
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and (seen.stride() == x.stride() or x.numel() <= 1),
           "any_reshape changed its input from {before} to {after}: return a new tensor, do not reshape x in place "
           "(resize_, set_, .data =, .t_())", before=describe(x), after=describe(seen))
    expect(torch.equal(seen, x), "any_reshape changed the values of its input ({x}); reshaping must not modify x",
           x=describe(x))


@requires(test_merges_the_trailing_dims_in_row_major_order)
def test_merges_empty_tensors(student):
    cases = [((2, 0, 4), 1, "contiguous"), ((0,), 0, "contiguous"), ((3, 0), 1, "strided"), ((4, 0), 0, "transposed"),
             ((0, 5), 0, "transposed"), ((0, 3), 1, "contiguous"), ((0, 2, 3), 1, "transposed")]
    for shape, start_dim, layout in cases:
        reshaped(student, make_tensor(shape, torch.float32, 0, layout), start_dim)


@requires(test_merges_the_trailing_dims_in_row_major_order)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((2, 3, 4), 1, "contiguous", torch.float32), ((3, 4), 0, "transposed", torch.int64),
             ((2, 3, 2), 1, "strided", torch.float64))
    for shape, start_dim, layout, dtype in cases:
        x = make_tensor(shape, dtype, 5, layout)
        moved = on(device, x)
        what = f"any_reshape({describe(moved)}, {start_dim})"
        call = student.any_reshape.call(moved, start_dim)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() only works for CPU tensors; reshape with torch (x.reshape), which "
                 "keeps the result on x's device", what=what)
        expect_tensor(call.result(), on(device, row_major_reshape(x, merged_shape(shape, start_dim))), what=what)
