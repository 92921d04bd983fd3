"""Hidden checks for ``value_range(x, dim=None, keepdim=False)``: amax - amin over every dim form."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires
from checks_03_reductions import dim_forms, reduced_dims

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.uint8)


@st.composite
def cases(draw, forms=("none", "positive", "negative", "tuple")):
    ndim = draw(st.integers(1, 4))
    shape = [draw(st.integers(0, 4)) for _ in range(ndim)]
    dim = draw(dim_forms(ndim, forms))
    for d in reduced_dims(dim, ndim):
        shape[d] = max(shape[d], 1)
    dtype = draw(st.sampled_from(DTYPES))
    low = 0 if dtype == torch.uint8 or draw(st.booleans()) else -9
    x = make_tensor(tuple(shape), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)), low=low)
    return x, dim, draw(st.booleans())


def oracle(x: torch.Tensor, dim, keepdim: bool) -> torch.Tensor:
    axis = None if dim is None else reduced_dims(dim, x.dim())
    values = x.numpy()
    result = np.asarray(values.max(axis=axis, keepdims=keepdim) - values.min(axis=axis, keepdims=keepdim))
    return torch.from_numpy(result.copy()).to(x.dtype)


def value_range(student, x: torch.Tensor, dim, keepdim: bool):
    call = student.value_range.call(x, dim, keepdim)
    what = f"value_range({describe(x)}, dim={dim}, keepdim={keepdim})"
    max_refused = call.raised == "TypeError" and ("invalid combination" in call.error_message
                                                  or "'dim' must be int" in call.error_message)
    if max_refused and isinstance(dim, tuple):
        fail("{what} raised {error}: x.max(dim) / x.min(dim) take a single int; amax / amin accept a tuple of dims",
             what=what, error=call.raised)
    if max_refused and dim is None:
        fail("{what} raised {error}: dim=None means all elements; x.max(dim=None) is not allowed, amax / amin are",
             what=what, error=call.raised)
    result = call.result()
    expected = oracle(x, dim, keepdim)
    if isinstance(result, torch.Tensor) and tuple(result.shape) != tuple(expected.shape):
        if keepdim and tuple(result.shape) == tuple(oracle(x, dim, False).shape):
            fail("{what} has shape {got}: keepdim=True must keep every reduced dim as size 1, shape {expected}",
                 what=what, got=tuple(result.shape), expected=tuple(expected.shape))
        if not keepdim and tuple(result.shape) == tuple(oracle(x, dim, True).shape):
            fail("{what} has shape {got}: with keepdim=False the reduced dims disappear, shape {expected}",
                 what=what, got=tuple(result.shape), expected=tuple(expected.shape))
    expect_tensor(result, expected, what=what)
    return call, result


@given(case=cases())
def test_every_dim_form_and_keepdim(student, case):
    value_range(student, *case)


@given(case=cases(forms=("tuple",)))
def test_tuple_dims_reduce_several_dims_at_once(student, case):
    value_range(student, *case)


def test_dim_none_with_keepdim_keeps_every_dim(student):
    for shape, dtype in (((2, 3), torch.int64), ((4,), torch.float32), ((2, 1, 3), torch.float64), ((), torch.int32)):
        x = make_tensor(shape, dtype, 3)
        call = student.value_range.call(x, None, True)
        result = call.result()
        if isinstance(result, torch.Tensor) and result.dim() == 0 and len(shape) > 0:
            fail("value_range({x}, dim=None, keepdim=True) returned a 0-dim tensor; keepdim=True over all elements "
                 "keeps every dim as size 1, shape {expected}", x=describe(x), expected=(1,) * len(shape))
        value_range(student, x, None, True)
        value_range(student, x, None, False)


def test_negative_dims_count_from_the_end(student):
    x = torch.tensor([[[4, 0, 7], [1, 9, 2]], [[3, 3, 8], [6, 5, 0]]])  # shape (2, 2, 3)
    for dim in (-1, -2, -3, (-1, 0), (-3, -2)):
        for keepdim in (False, True):
            value_range(student, x, dim, keepdim)


@requires(test_every_dim_form_and_keepdim)
@given(case=cases())
def test_input_is_left_unchanged(student, case):
    x, dim, keepdim = case
    call, _ = value_range(student, x, dim, keepdim)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "value_range changed its input ({x}): reductions return new tensors; do not sort or clamp x in place",
           x=describe(x))


@requires(test_every_dim_form_and_keepdim)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((3, 4), None, False, torch.int64, "transposed"), ((2, 3, 4), (0, -1), True, torch.float32, "contiguous"),
             ((5,), 0, False, torch.float64, "strided"), ((2, 3), -1, True, torch.int32, "contiguous"))
    for seed, (shape, dim, keepdim, dtype, layout) in enumerate(cases):
        x = make_tensor(shape, dtype, seed, layout)
        moved = on(device, x)
        what = f"value_range({describe(moved)}, dim={dim}, keepdim={keepdim})"
        call = student.value_range.call(moved, dim, keepdim)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() works only for CPU tensors; reduce with torch (amax / amin), "
                 "which keeps the result on x's device", what=what)
        expect_tensor(call.result(), on(device, oracle(x, dim, keepdim)), what=what)
