"""Hidden checks for ``tensor_to_numpy(t, dtype)``: an ndarray of NumPy dtype ``dtype`` holding t's values, sharing
t's memory when t's dtype already matches (t.detach().numpy().astype(dtype, copy=False)), t left as it was.

The array comes back from the call in the same frame as the argument, so memory sharing is
observed by writing into one side and reading the other.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, fail, make_tensor

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool)
TARGETS = ("float32", "float64", "int64", "int32")  # conversions of every value the checks draw are well defined


def name_of(dtype: torch.dtype) -> str:
    return str(torch.zeros(1, dtype=dtype).numpy().dtype)


@st.composite
def tensors(draw, min_side: int = 0, grad: bool | None = None):
    shape = tuple(draw(st.lists(st.integers(min_side, 4), max_size=3)))
    dtype = draw(st.sampled_from(DTYPES))
    t = make_tensor(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)),
                    low=0 if dtype == torch.uint8 else -9)
    if dtype.is_floating_point and (draw(st.booleans()) if grad is None else grad):
        t.requires_grad_(True)
    return t


def to_numpy(student, t: torch.Tensor, dtype: str):
    call = student.tensor_to_numpy.call(t, dtype)
    what = f"tensor_to_numpy({describe(t)}{', requires_grad' if t.requires_grad else ''}, {dtype!r})"
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
    expect(result.dtype == np.dtype(dtype), "{what} has dtype {got}; expected {expected}, the dtype asked for",
           what=what, got=result.dtype, expected=np.dtype(dtype))
    expect(np.array_equal(result, t.detach().numpy().astype(dtype)),
           "{what} has the right shape and dtype but wrong values (convert as NumPy's astype does)", what=what)
    return call, result, call.args[0], what


def flipped(t: torch.Tensor) -> torch.Tensor:
    return ~t if t.dtype == torch.bool else t + 1


def expect_shared(result: np.ndarray, seen: torch.Tensor, t: torch.Tensor, what: str) -> None:
    new = flipped(t.detach())
    result[...] = new.numpy()
    expect(torch.equal(seen.detach(), new),
           "{what}: writing into the returned array did not change t; when t's dtype already matches, the array must "
           "share t's memory (t.detach().numpy(), with astype(dtype, copy=False): plain astype always copies; no "
           "np.array(t), clone() or contiguous())", what=what)
    with torch.no_grad():
        seen.copy_(t)
    expect(np.array_equal(result, t.detach().numpy()), "{what}: writing into t did not change the returned array",
           what=what)


@given(data=st.data(), t=tensors())
def test_array_matches_the_tensor(student, data, t):
    dtype = data.draw(st.sampled_from(TARGETS + (name_of(t.dtype),)))
    _, _, seen, what = to_numpy(student, t, dtype)
    expect(tuple(seen.shape) == tuple(t.shape) and seen.dtype == t.dtype and torch.equal(seen.detach(), t.detach()),
           "{what} changed t: converting must not modify it", what=what)


@given(t=tensors(min_side=1))
def test_same_dtype_shares_memory(student, t):
    _, result, seen, what = to_numpy(student, t, name_of(t.dtype))
    expect_shared(result, seen, t, what)


def test_other_dtypes_are_converted_copies(student):
    cases = ((torch.tensor([1.5, -2.7, 0.0, 9.9]), "int64"), (torch.tensor([[3, -4], [0, 7]]), "float32"),
             (torch.tensor([True, False, True]), "float64"), (torch.tensor([0.1, 0.2], dtype=torch.float64), "float32"),
             (make_tensor((3, 4), torch.float32, 6, "transposed"), "int32"), (torch.tensor([200, 3], dtype=torch.uint8), "int64"))
    for t, dtype in cases:
        _, result, seen, what = to_numpy(student, t, dtype)
        result[...] = 1
        expect(seen.dtype == t.dtype and torch.equal(seen, t),
               "{what}: t changed; a conversion to another dtype must leave t (its dtype and values) as it was",
               what=what)


def test_tensor_that_requires_grad(student):
    for t in (torch.tensor([1.5, -2.0, 3.0], requires_grad=True), make_tensor((2, 3), torch.float64, 4, "transposed").requires_grad_()):
        _, result, seen, what = to_numpy(student, t, name_of(t.dtype))
        expect(seen.requires_grad, "{what} turned off requires_grad of t: use t.detach() instead of changing t itself",
               what=what)
        result[...] = 0
        expect(bool((seen.detach() == 0).all()), "{what}: the array must share t's memory; detach() shares, clone() copies",
               what=what)
    t = torch.tensor([0.25, -1.5], dtype=torch.float64, requires_grad=True)
    _, _, seen, what = to_numpy(student, t, "float32")
    expect(seen.requires_grad, "{what} turned off requires_grad of t: use t.detach() instead of changing t itself",
           what=what)


def test_non_contiguous_tensors(student):
    for shape, layout, dtype in (((3, 4), "transposed", torch.float32), ((2, 3), "strided", torch.int64),
                                 ((2, 2, 3), "transposed", torch.float64), ((5,), "strided", torch.uint8)):
        t = make_tensor(shape, dtype, 5, layout, low=0)
        _, result, seen, what = to_numpy(student, t, name_of(dtype))
        result[...] = flipped(t).numpy()
        expect(torch.equal(seen, flipped(t)),
               "{what}: writing into the array did not change t; numpy() shares memory even for a non-contiguous "
               "tensor (do not call contiguous() first)", what=what)


def test_empty_and_zero_dim_tensors(student):
    for t, dtype in ((torch.zeros(0), "float32"), (torch.zeros(2, 0, dtype=torch.int32), "int32"),
                     (torch.tensor(3.5), "float32"), (torch.tensor(True), "bool"), (torch.ones(1, 1, 1), "float32"),
                     (torch.tensor(-2.5), "int64"), (torch.zeros(0, 3, dtype=torch.int64), "float64")):
        to_numpy(student, t, dtype)
