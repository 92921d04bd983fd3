"""Hidden checks for ``broadcast_shape(shape_a, shape_b)``: the broadcast result shape, ValueError when incompatible."""
import numpy as np
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

from autograder.checking import expect, fail, requires
from autograder.i18n import _

pairs = mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=5, min_side=0, max_side=5).map(
    lambda drawn: drawn.input_shapes)


def numpy_broadcast(a: tuple, b: tuple):
    try:
        return np.broadcast_shapes(a, b)
    except ValueError:
        return None


@st.composite
def incompatible_pairs(draw):
    """Two shapes with at least one aligned pair of sizes that are different and both not 1."""
    a = list(draw(st.lists(st.integers(0, 5), min_size=1, max_size=4)))
    if all(size == 1 for size in a):
        a[draw(st.integers(0, len(a) - 1))] = draw(st.sampled_from([0, 2, 3, 4]))
    clash = draw(st.sampled_from([i for i, size in enumerate(a) if size != 1]))
    start = draw(st.integers(0, clash))
    b = [draw(st.sampled_from([1, size])) for size in a[start:]]
    b[clash - start] = draw(st.sampled_from([s for s in (0, 2, 3, 4, 5) if s != a[clash]]))
    b = [draw(st.integers(0, 4)) for _ in range(draw(st.integers(0, 2)))] + b if start == 0 else b
    pair = (tuple(a), tuple(b))
    return pair if draw(st.booleans()) else pair[::-1]


def shape_of(student, a: tuple, b: tuple) -> tuple:
    call = student.broadcast_shape.call(a, b)
    if call.raised == "ValueError" and numpy_broadcast(a, b) is not None:
        fail("broadcast_shape({a}, {b}) raised ValueError, but these shapes broadcast to {expected}: align them on the "
             "right and pad the shorter one with 1s in front; equal sizes or a 1 are compatible", a=a, b=b,
             expected=numpy_broadcast(a, b))
    got = call.result()
    if isinstance(got, list):
        fail("broadcast_shape({a}, {b}) returned a list; return a tuple of ints (tuple(sizes) turns a list into one)",
             a=a, b=b)
    if not isinstance(got, tuple) or not all(isinstance(size, int) and not isinstance(size, bool) for size in got):
        fail("broadcast_shape({a}, {b}) returned {got!r}; it must return a tuple of ints", a=a, b=b, got=got)
    return tuple(got)


def expect_shape(student, a: tuple, b: tuple, why: str = "") -> None:
    expected = numpy_broadcast(a, b)
    got = shape_of(student, a, b)
    expect(got == expected, "broadcast_shape({a}, {b}) returned {got}; expected {expected}{why}", a=a, b=b, got=got,
           expected=expected, why=why)


@given(pair=pairs)
def test_matches_numpy_for_broadcastable_shapes(student, pair):
    expect_shape(student, *pair)


@requires(test_matches_numpy_for_broadcastable_shapes)
@given(pair=incompatible_pairs())
def test_incompatible_shapes_raise_value_error(student, pair):
    a, b = pair
    assert numpy_broadcast(a, b) is None
    call = student.broadcast_shape.call(a, b)
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised is None:
        fail("broadcast_shape({a}, {b}) returned {got} instead of raising ValueError: sizes that differ and are both "
             "not 1 cannot be broadcast (taking the larger size is wrong)", a=a, b=b, got=call.result())
    expect(call.raised == "ValueError",
           "broadcast_shape({a}, {b}) raised {error}; incompatible shapes must raise ValueError as the task asks",
           a=a, b=b, error=call.raised)


def test_shorter_shape_is_padded_on_the_left(student):
    cases = (((4, 1), (3,)), ((3,), (2, 1, 1)), ((5, 4), (4,)), ((1,), (2, 3, 4)), ((2, 1, 3), (4, 1)),
             ((6, 1, 1, 2), (5, 1)))
    for a, b in cases:
        expected = numpy_broadcast(a, b)
        got = shape_of(student, a, b)
        pad_right = lambda s, n: tuple(s) + (1,) * (n - len(s))  # noqa: E731
        n = max(len(a), len(b))
        left_aligned = numpy_broadcast(pad_right(a, n), pad_right(b, n))
        expect(got != left_aligned or got == expected,
               "broadcast_shape({a}, {b}) returned {got}: the shapes were aligned on the left; broadcasting aligns the "
               "last dims and pads the shorter shape with 1s in front", a=a, b=b, got=got)
        expect(got == expected, "broadcast_shape({a}, {b}) returned {got}; expected {expected} (pad the shorter shape "
                                "with 1s in front, then compare dim by dim)", a=a, b=b, got=got, expected=expected)


def test_size_zero_broadcasts_only_against_one(student):
    for a, b in (((0,), (1,)), ((2, 0), (1, 1)), ((1, 3), (0, 1)), ((0, 4), (4,)), ((3, 1, 0), (5, 1))):
        expected = numpy_broadcast(a, b)
        got = shape_of(student, a, b)
        expect(got == expected, "broadcast_shape({a}, {b}) returned {got}; expected {expected}: a size-1 dim broadcast "
                                "against size 0 gives 0 (the result is empty), not the larger size",
               a=a, b=b, got=got, expected=expected)
    for a, b in (((0,), (3,)), ((2, 0), (2, 2)), ((0, 1), (2, 5))):
        call = student.broadcast_shape.call(a, b)
        if call.raised == "NotImplementedError":
            call.result()
        if call.raised is None:
            fail("broadcast_shape({a}, {b}) returned {got} instead of raising ValueError: size 0 is compatible only "
                 "with 0 and 1", a=a, b=b, got=call.result())
        expect(call.raised == "ValueError", "broadcast_shape({a}, {b}) raised {error}; incompatible shapes must raise "
               "ValueError as the task asks (size 0 is compatible only with 0 and 1)", a=a, b=b, error=call.raised)


def test_scalar_shape_broadcasts_with_anything(student):
    for a, b in (((), (2, 3)), ((3, 0), ()), ((), ()), ((), (1,)), ((1, 1), ())):
        expect_shape(student, a, b, _(" (a 0-dim shape () broadcasts with every shape)"))
