"""Hidden checks for ``add_bias_(x, b)``: x += b in place (b broadcast to x's shape), returning x itself."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, requires, shapes, \
    storage_ptr
from autograder.i18n import _

DTYPES = (torch.float32, torch.float64, torch.int64)


@st.composite
def fitting_pairs(draw, layouts=LAYOUTS, min_side: int = 0):
    """x of any shape and b whose broadcast with x has exactly x's shape."""
    shape = draw(shapes(min_dims=0, max_dims=4, min_side=min_side, max_side=4))
    dtype = draw(st.sampled_from(DTYPES))
    x = make_tensor(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(layouts)))
    keep = draw(st.integers(0, len(shape)))
    b_shape = tuple(draw(st.sampled_from([1, size])) for size in shape[len(shape) - keep:])
    b = make_tensor(b_shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)), low=-4, high=4)
    return x, b


@st.composite
def growing_pairs(draw):
    """x and b that broadcast to a shape other than x's: an in-place result cannot hold it."""
    shape = list(draw(shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)))
    dtype = draw(st.sampled_from(DTYPES))
    how = draw(st.sampled_from(["more dims", "leading ones", "bigger size"] if any(s == 1 for s in shape)
                               else ["more dims", "leading ones"]))
    if how == "more dims":
        b_shape = [draw(st.integers(2, 3))] + shape
    elif how == "leading ones":
        b_shape = [1] * draw(st.integers(1, 2)) + shape
    else:
        grown = draw(st.sampled_from([i for i, s in enumerate(shape) if s == 1]))
        b_shape = list(shape)
        b_shape[grown] = draw(st.integers(2, 3))
    x = make_tensor(tuple(shape), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    b = make_tensor(tuple(b_shape), dtype, draw(st.integers(0, 2**31 - 1)), low=-4, high=4)
    return x, b


def added(student, x: torch.Tensor, b: torch.Tensor):
    """Call add_bias_ and check that the returned tensor is x itself, updated in its own memory."""
    call = student.add_bias_.call(x, b)
    what = f"add_bias_(x: {describe(x)}, b: {describe(b)})"
    result = call.result()
    expected = x + b
    seen = call.args[0]
    if result is None:
        fail("{what} returned None; an in-place op returns x itself (return x.add_(b), or add and then return x)",
             what=what)
    if result is not seen:
        if isinstance(seen, torch.Tensor) and seen.shape == x.shape and torch.equal(seen, x):
            fail("{what} returned a new tensor and left x unchanged: x + b (or x = x + b) is out-of-place; use "
                 "x.add_(b) or x += b", what=what)
        fail("{what} did not return x itself; an in-place op returns the same tensor object it modified", what=what)
    expect(tuple(seen.shape) == tuple(x.shape),
           "{what} changed the shape of x to {shape}; an in-place result must keep x's shape", what=what,
           shape=tuple(seen.shape))
    expect(seen.stride() == x.stride() and seen.storage_offset() == x.storage_offset()
           and seen.untyped_storage().nbytes() == x.untyped_storage().nbytes(),
           "{what} replaced the memory of x (new strides or storage, e.g. through .data = or contiguous()); an in-place "
           "op writes into x's own memory", what=what)
    expect_tensor(seen, expected, what=_("x after {call}").format(call=what))
    return call, seen


@given(case=fitting_pairs())
def test_adds_b_to_x_in_place(student, case):
    added(student, *case)


def test_returns_the_same_object_and_storage(student):
    cases = ((torch.zeros(2, 3), torch.tensor([1.0, 2.0, 3.0])), (torch.arange(6).view(3, 2), torch.tensor([[10], [20], [30]])),
             (torch.ones(4, dtype=torch.float64), torch.tensor(0.5, dtype=torch.float64)))
    for x, b in cases:
        call, seen = added(student, x, b)
        result = call.result()
        expect(storage_ptr(result) == storage_ptr(seen),
               "add_bias_ returned a tensor with different memory than x; return x itself, not a copy")


@given(case=fitting_pairs(layouts=("transposed", "strided"), min_side=2))
def test_non_contiguous_x_is_updated_in_its_own_memory(student, case):
    added(student, *case)


@requires(test_adds_b_to_x_in_place)
@given(case=growing_pairs())
def test_broadcast_that_would_change_the_shape_of_x_raises(student, case):
    x, b = case
    call = student.add_bias_.call(x, b)
    if call.raised == "NotImplementedError":
        call.result()
    what = f"add_bias_(x: {describe(x)}, b: {describe(b)})"
    if call.raised is None:
        result = call.result()
        got = _(" and gave {result}").format(result=describe(result)) if isinstance(result, torch.Tensor) else ""
        fail("{what} did not raise{got}: the broadcast shape {shape} is not x's shape, so the in-place add must raise "
             "RuntimeError", what=what, got=got, shape=tuple(torch.broadcast_shapes(x.shape, b.shape)))
    expect(call.raised in ("RuntimeError", "ValueError"),
           "{what} raised {error}; a broadcast that would change x's shape must raise RuntimeError, as x.add_(b) does",
           what=what, error=call.raised)


@requires(test_adds_b_to_x_in_place)
@given(case=fitting_pairs())
def test_b_is_left_unchanged(student, case):
    x, b = case
    call = added(student, x, b)[0]
    seen_b = call.args[1]
    expect(tuple(seen_b.shape) == tuple(b.shape) and torch.equal(seen_b, b),
           "add_bias_ changed b ({b}); only x is updated in place", b=describe(b))


@requires(test_adds_b_to_x_in_place)
def test_empty_and_zero_dim_tensors(student):
    cases = ((torch.zeros(0, 3), torch.ones(3)), (torch.zeros(0), torch.ones(1)), (torch.tensor(2.0), torch.tensor(3.0)),
             (torch.zeros(2, 0, dtype=torch.int64), torch.ones(2, 1, dtype=torch.int64)),
             (make_tensor((2, 3), torch.float32, 1), torch.tensor(1.5)))
    for x, b in cases:
        added(student, x, b)
