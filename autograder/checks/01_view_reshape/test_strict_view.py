"""Hidden checks for ``strict_view(x, shape)``: a view that never copies.

Whether a view is possible is PyTorch's own decision (the strides of ``x``), so
the judge asks ``x.view`` itself: where it raises, the student's function must
raise ``RuntimeError``; where it works, the student must return a real view.
"""
import math

import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, make_tensor, requires, shapes, tensors
from autograder.oracles import row_major_reshape
from checks_01_view_reshape import can_view, prime_factors, regroupings, shares_storage, writes_through

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


@st.composite
def splits(draw, shape: tuple) -> tuple:
    """``shape`` with dims split into factors and size-1 dims added: a view of any layout allows this."""
    dims: list[int] = []
    for size in shape:
        if draw(st.booleans()):
            dims.append(1)
        parts = draw(st.integers(1, 2))
        factors = draw(st.permutations(prime_factors(size))) if size > 1 else []
        if parts == 1 or len(factors) < 2:
            dims.append(size)
        else:
            cut = draw(st.integers(1, len(factors) - 1))
            dims += [math.prod(factors[:cut]), math.prod(factors[cut:])]
    if draw(st.booleans()):
        dims.append(1)
    if math.prod(shape) > 0 and dims and draw(st.booleans()):
        dims[draw(st.integers(0, len(dims) - 1))] = -1
    return tuple(dims)


def expect_unchanged(call, x: torch.Tensor) -> None:
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and seen.stride() == x.stride(),
           "strict_view changed its input's shape or strides to {shape}: return a new view object, do not reshape x in "
           "place (no resize_ / set_ / .data =)", shape=tuple(seen.shape))
    expect(torch.equal(seen, x), "strict_view changed the values of its input x; viewing must not modify the data")


def strict_view(student, x: torch.Tensor, shape: tuple):
    call = student.strict_view.call(x, shape)
    what = f"strict_view({describe(x)}, {shape})"
    if call.raised == "RuntimeError":
        fail("{what} raised RuntimeError although x.view{shape} works for this layout: only let view itself decide, do "
             "not raise on your own", what=what, shape=shape)
    result = call.result()
    expect_tensor(result, row_major_reshape(x, shape), what=what)
    return call, result


@given(data=st.data(), x=tensors(dtypes=DTYPES, layouts=("contiguous",), max_dims=3))
def test_values_and_shape_match_row_major_reshape(student, data, x):
    shape = data.draw(regroupings(tuple(x.shape)))
    call, _ = strict_view(student, x, shape)
    expect_unchanged(call, x)


@given(data=st.data(), x=tensors(dtypes=DTYPES, layouts=("contiguous",), max_dims=3, min_side=1))
def test_result_is_a_view_sharing_storage_with_input(student, data, x):
    shape = data.draw(regroupings(tuple(x.shape)))
    call, result = strict_view(student, x, shape)
    expect(shares_storage(result, call.args[0]),
           "strict_view({x}, {shape}) returned a copy; a view must share storage with its input (use x.view, no "
           "clone/contiguous/reshape)", x=describe(x), shape=shape)
    expect(writes_through(result, call.args[0]),
           "writing into strict_view({x}, {shape}) did not change x; a view must write through to its input",
           x=describe(x), shape=shape)


@given(data=st.data(), x=tensors(dtypes=DTYPES, layouts=("transposed", "strided"), min_dims=2, max_dims=3, min_side=1))
def test_non_contiguous_input_is_viewed_when_strides_allow(student, data, x):
    shape = data.draw(splits(tuple(x.shape)))
    call, result = strict_view(student, x, shape)
    expect(shares_storage(result, call.args[0]) and writes_through(result, call.args[0]),
           "strict_view({x}, {shape}) returned a copy, but x.view{shape} works here without copying: non-contiguous "
           "tensors can still be viewed when only dims are split or size-1 dims added", x=describe(x), shape=shape)


@requires(test_values_and_shape_match_row_major_reshape)
@given(data=st.data(), shape=shapes(min_dims=2, max_dims=3, min_side=2, max_side=4), dtype=st.sampled_from(DTYPES),
       seed=st.integers(0, 2**31 - 1))
def test_incompatible_layout_raises_runtime_error(student, data, shape, dtype, seed):
    x = make_tensor(shape, dtype, seed, "transposed")
    target = data.draw(st.sampled_from([(-1,), (math.prod(shape),), (1, -1), (-1, shape[0])]))
    if can_view(x, target):
        target = (-1,)
    call = student.strict_view.call(x, target)
    if call.raised is None:
        fail("strict_view(x, {shape}) returned a result instead of raising RuntimeError for a transposed x ({x}): view must "
             "not copy, so it cannot merge dims that are not adjacent in memory", shape=target, x=describe(x))
    if call.raised == "NotImplementedError":
        call.result()  # reported by the engine as "not implemented yet"
    expect(call.raised == "RuntimeError",
           "strict_view(x, {shape}) raised {error} for a transposed x instead of the RuntimeError that x.view raises for "
           "an incompatible layout: do not catch it or raise your own error", shape=target, error=call.raised)
