"""Hidden checks for ``top_k(x, k, dim)``: the k entries of largest absolute value along dim (signs kept), by
descending magnitude, with their int64 positions.

Ties are allowed in the inputs (equal values, or 3 and -3): magnitudes are compared exactly, the signs and the
indices only through what the indices point at.
"""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires
from autograder.i18n import _
from autograder.student import Remote

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


@st.composite
def cases(draw, ties: bool | None = None):
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(0, 5)) for _ in range(ndim))
    dim = draw(st.integers(-ndim, ndim - 1))
    k = draw(st.integers(0, shape[dim]))
    dtype = draw(st.sampled_from(DTYPES))
    with_ties = draw(st.booleans()) if ties is None else ties
    x = make_tensor(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)),
                    low=-2 if with_ties else -9, high=2 if with_ties else 9)
    return x, k, dim


def oracle_values(x: torch.Tensor, k: int, dim: int) -> torch.Tensor:
    """The k largest values of x along dim, descending."""
    axis = dim % x.dim()
    ordered = np.flip(np.sort(x.numpy(), axis=axis), axis=axis)
    return torch.from_numpy(np.ascontiguousarray(np.take(ordered, np.arange(k), axis=axis)))


def oracle_magnitudes(x: torch.Tensor, k: int, dim: int) -> torch.Tensor:
    """The k largest absolute values of x along dim, descending (x's dtype)."""
    return oracle_values(x.abs(), k, dim)


def top_k(student, x: torch.Tensor, k: int, dim: int, device: torch.device | None = None):
    """Call top_k on x (moved to ``device`` when given) and check the values; x itself stays on the CPU."""
    moved = x if device is None else on(device, x)
    call = student.top_k.call(moved, k, dim)
    what = f"top_k({describe(moved)}, k={k}, dim={dim})"
    if device is not None and call.raised == "TypeError" and "numpy" in call.error_message.lower():
        fail("{what} raised TypeError: .numpy() works only for CPU tensors; use torch (topk, or sort and slice), "
             "which works on every device", what=what)
    result = call.result()
    if isinstance(result, Remote):  # e.g. torch.return_types.topk, a named tuple kept in the worker
        try:
            result = (result.attr("__getitem__")(0), result.attr("__getitem__")(1))
        except Exception:
            fail("{what} returned an object that is not a (values, indices) pair", what=what)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("{what} returned {got}; it must return a pair (values, indices)", what=what, got=describe(result))
    values, indices = result
    expected = oracle_magnitudes(x, k, dim)
    axis = dim % x.dim()
    if isinstance(values, torch.Tensor) and values.shape == expected.shape and values.dtype == expected.dtype and k > 0 \
            and values.device.type != "meta":
        got = values.cpu()
        smallest = torch.from_numpy(np.ascontiguousarray(np.take(np.sort(x.abs().numpy(), axis=axis), np.arange(k),
                                                                 axis=axis)))
        by_value = oracle_values(x, k, dim)
        if not torch.equal(got.abs(), expected) and torch.equal(got, by_value):
            fail("{what} took the k largest values, not the k largest absolute values; rank x.abs() (topk) and pick "
                 "x's own entries at those positions (gather)", what=what)
        ascending = torch.from_numpy(np.flip(expected.numpy(), axis=axis).copy())
        if k > 1 and not torch.equal(got.abs(), expected) and torch.equal(got.abs(), ascending):
            fail("{what}: the k largest magnitudes are in ascending order; they must go from the largest |x| to the "
                 "smallest (sorted=True, or sort descending)", what=what)
        if not torch.equal(got.abs(), expected) and torch.equal(got.abs(), smallest):
            fail("{what} returned the entries of smallest absolute value; take the largest (largest=True, or sort "
                 "with descending=True)", what=what)
    if isinstance(values, torch.Tensor) and tuple(values.shape) != tuple(expected.shape):
        fail("{what}: values have shape {got}; expected {expected}, x's shape with size k along dim {dim} (take the "
             "top k along dim, not along the last dim or dim 0)", what=what, got=tuple(values.shape),
             expected=tuple(expected.shape), dim=dim)
    expect_tensor(values.abs() if isinstance(values, torch.Tensor) else values,
                  expected if device is None else on(device, expected),
                  what=_("the absolute values of the values of {what}").format(what=what))
    return call, values, indices, what


def check_indices(x: torch.Tensor, dim: int, values: torch.Tensor, indices, what: str) -> None:
    if not isinstance(indices, torch.Tensor):
        fail("{what}: indices is {got}; it must be a tensor of positions along dim", what=what, got=describe(indices))
    expect(indices.dtype == torch.int64, "{what}: indices have dtype {got}; positions are int64", what=what,
           got=indices.dtype)
    expect(tuple(indices.shape) == tuple(values.shape),
           "{what}: indices have shape {got}; they must have the same shape as values, {expected}", what=what,
           got=tuple(indices.shape), expected=tuple(values.shape))
    if indices.numel() == 0:
        return
    size = x.shape[dim]
    expect(bool(((indices >= 0) & (indices < size)).all()), "{what}: indices must be positions 0..{last} along dim {dim}",
           what=what, last=size - 1, dim=dim)
    picked = x.gather(dim, indices)
    if not torch.equal(picked, values) and torch.equal(picked.abs(), values):
        fail("{what} returned the absolute values; values must be x's own entries with their signs (pick them from x "
             "with gather at the indices)", what=what)
    expect(torch.equal(picked, values),
           "{what}: x.gather(dim, indices) does not give the values; indices must be the positions of the values "
           "along dim {dim}", what=what, dim=dim)
    ordered = indices.sort(dim=dim).values
    duplicates = (ordered.narrow(dim, 1, ordered.shape[dim] - 1) == ordered.narrow(dim, 0, ordered.shape[dim] - 1)).any() \
        if ordered.shape[dim] > 1 else False
    expect(not bool(duplicates), "{what}: an index appears twice along dim {dim}; each entry of x can be picked only "
                                 "once, even with ties", what=what, dim=dim)


@given(case=cases())
def test_values_have_the_k_largest_magnitudes_in_descending_order(student, case):
    top_k(student, *case)


@given(case=cases())
def test_indices_point_at_the_values(student, case):
    x, k, dim = case
    _, values, indices, what = top_k(student, x, k, dim)
    check_indices(x, dim, values, indices, what)


def test_dim_is_respected(student):
    cube = torch.tensor([[[5, -1, 9], [2, -8, 3], [-7, 0, 4]], [[6, 2, -1], [-9, 9, 0], [3, 5, -7]],
                         [[0, -4, 2], [1, 6, -8], [-5, 3, 9]]])
    for dim in (0, 1, -2, -3, 2):
        for k in (1, 2):
            _, values, indices, what = top_k(student, cube, k, dim)
            check_indices(cube, dim, values, indices, what)


def test_order_goes_from_the_largest_magnitude(student):
    x = torch.tensor([[0.5, 3.0, -1.0, 2.0, -10.0], [4.0, -4.5, 0.0, -3.0, 1.0]], dtype=torch.float64)
    for k in (5, 3):
        top_k(student, x, k, 1)
    top_k(student, x.t(), 2, 0)


def test_k_zero_full_length_and_empty_dims(student):
    x = make_tensor((3, 4), torch.float32, 2, "transposed")
    for k, dim in ((0, 1), (4, 1), (3, 0), (0, -2)):
        _, values, indices, what = top_k(student, x, k, dim)
        check_indices(x, dim, values, indices, what)
    for shape, k, dim in (((0, 3), 2, 1), ((2, 0), 0, 1), ((0,), 0, 0), ((1, 1), 1, 0)):
        x = torch.ones(shape)
        _, values, indices, what = top_k(student, x, k, dim)
        check_indices(x, dim, values, indices, what)


@requires(test_values_have_the_k_largest_magnitudes_in_descending_order)
@given(case=cases())
def test_input_is_left_unchanged(student, case):
    x, k, dim = case
    call, _, _, what = top_k(student, x, k, dim)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "{what} changed x: top_k must not modify its input (no sort_ or in-place writes on x)", what=what)


@requires(test_values_have_the_k_largest_magnitudes_in_descending_order, test_indices_point_at_the_values)
@pytest.mark.shape_only
def test_works_for_inputs_on_any_device(student, device):
    cases = (((3, 5), 2, 1, torch.float32, "transposed"), ((4, 2, 3), 3, 0, torch.int64, "contiguous"),
             ((6,), 6, -1, torch.float64, "strided"), ((2, 4), 0, -1, torch.int32, "contiguous"))
    for seed, (shape, k, dim, dtype, layout) in enumerate(cases):
        x = make_tensor(shape, dtype, seed, layout)
        _, values, indices, what = top_k(student, x, k, dim, device)
        expect(isinstance(indices, torch.Tensor) and indices.device.type == device.type,
               "{what}: indices are {got}; keep them on the input's device (make index tensors with device=x.device)",
               what=what, got=describe(indices))
        if device.type == "meta":  # gather and comparisons need values: shape and dtype are all meta can show
            expect(indices.dtype == torch.int64 and tuple(indices.shape) == tuple(values.shape),
                   "{what}: indices are {got}; expected int64 positions with the shape of values, {expected}",
                   what=what, got=describe(indices), expected=tuple(values.shape))
        else:
            check_indices(on(device, x), dim, values, indices, what)
