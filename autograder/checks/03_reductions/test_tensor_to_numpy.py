"""Hidden checks for ``tensor_to_numpy(t)``: an ndarray sharing t's memory (detach().numpy()), t left as it was.

The array comes back from the call in the same frame as the argument, so memory sharing is
observed by writing into one side and reading the other.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, fail, make_tensor

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool)


@st.composite
def tensors(draw, min_side: int = 0, grad: bool | None = None):
    shape = tuple(draw(st.lists(st.integers(min_side, 4), max_size=3)))
    dtype = draw(st.sampled_from(DTYPES))
    t = make_tensor(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)),
                    low=0 if dtype == torch.uint8 else -9)
    if dtype.is_floating_point and (draw(st.booleans()) if grad is None else grad):
        t.requires_grad_(True)
    return t


def numpy_dtype(t: torch.Tensor) -> np.dtype:
    return torch.zeros(1, dtype=t.dtype).numpy().dtype


def to_numpy(student, t: torch.Tensor):
    call = student.tensor_to_numpy.call(t)
    what = f"tensor_to_numpy({describe(t)}{', requires_grad' if t.requires_grad else ''})"
    if call.raised == "RuntimeError" and t.requires_grad:
        fail("{what} raised RuntimeError: numpy() refuses a tensor that requires grad; call t.detach().numpy() "
             "(detach shares memory and leaves t unchanged)", what=what)
    result = call.result()
    if isinstance(result, list):
        fail("{what} returned a Python list (tolist); it must return a NumPy ndarray", what=what)
    if not isinstance(result, np.ndarray):
        fail("{what} returned {got}; it must return a NumPy ndarray", what=what, got=describe(result))
    expect(result.shape == tuple(t.shape), "{what} has shape {got}; expected {expected}", what=what, got=result.shape,
           expected=tuple(t.shape))
    expect(result.dtype == numpy_dtype(t), "{what} has dtype {got}; expected {expected} (keep t's dtype)", what=what,
           got=result.dtype, expected=numpy_dtype(t))
    expect(np.array_equal(result, t.detach().numpy()), "{what} has the right shape and dtype but wrong values", what=what)
    return call, result, call.args[0], what


def flipped(t: torch.Tensor) -> torch.Tensor:
    return ~t if t.dtype == torch.bool else t + 1


@given(t=tensors())
def test_array_matches_the_tensor(student, t):
    _, _, seen, what = to_numpy(student, t)
    expect(tuple(seen.shape) == tuple(t.shape) and torch.equal(seen.detach(), t.detach()),
           "{what} changed t: converting must not modify it", what=what)


@given(t=tensors(min_side=1))
def test_array_and_tensor_use_the_same_memory(student, t):
    _, result, seen, what = to_numpy(student, t)
    new = flipped(t.detach())
    result[...] = new.numpy()
    expect(torch.equal(seen.detach(), new),
           "{what}: writing into the returned array did not change t; the array must share t's memory "
           "(t.detach().numpy(), not np.array(t), clone() or contiguous())", what=what)
    with torch.no_grad():
        seen.copy_(t)
    expect(np.array_equal(result, t.detach().numpy()), "{what}: writing into t did not change the returned array",
           what=what)


def test_tensor_that_requires_grad(student):
    for t in (torch.tensor([1.5, -2.0, 3.0], requires_grad=True), make_tensor((2, 3), torch.float64, 4, "transposed").requires_grad_()):
        _, result, seen, what = to_numpy(student, t)
        expect(seen.requires_grad, "{what} turned off requires_grad of t: use t.detach() instead of changing t itself",
               what=what)
        result[...] = 0
        expect(bool((seen.detach() == 0).all()), "{what}: the array must share t's memory; detach() shares, clone() copies",
               what=what)


def test_non_contiguous_tensors(student):
    for shape, layout, dtype in (((3, 4), "transposed", torch.float32), ((2, 3), "strided", torch.int64),
                                 ((2, 2, 3), "transposed", torch.float64), ((5,), "strided", torch.uint8)):
        t = make_tensor(shape, dtype, 5, layout, low=0)
        _, result, seen, what = to_numpy(student, t)
        result[...] = flipped(t).numpy()
        expect(torch.equal(seen, flipped(t)),
               "{what}: writing into the array did not change t; numpy() shares memory even for a non-contiguous "
               "tensor (do not call contiguous() first)", what=what)


def test_empty_and_zero_dim_tensors(student):
    for t in (torch.zeros(0), torch.zeros(2, 0, dtype=torch.int32), torch.tensor(3.5), torch.tensor(True), torch.ones(1, 1, 1)):
        to_numpy(student, t)
