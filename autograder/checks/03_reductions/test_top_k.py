"""Hidden checks for ``top_k(x, k, dim)``: the k largest entries along dim, descending, with their int64 positions.

Ties are allowed in the inputs: values are compared exactly, indices only through what they point at.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor
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
    axis = dim % x.dim()
    ordered = np.flip(np.sort(x.numpy(), axis=axis), axis=axis)
    return torch.from_numpy(np.ascontiguousarray(np.take(ordered, np.arange(k), axis=axis)))


def top_k(student, x: torch.Tensor, k: int, dim: int):
    call = student.top_k.call(x, k, dim)
    result = call.result()
    what = f"top_k({describe(x)}, k={k}, dim={dim})"
    if isinstance(result, Remote):  # e.g. torch.return_types.topk, a named tuple kept in the worker
        try:
            result = (result.attr("__getitem__")(0), result.attr("__getitem__")(1))
        except Exception:
            fail(f"{what} returned an object that is not a (values, indices) pair")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"{what} returned {describe(result)}; it must return a pair (values, indices)")
    values, indices = result
    expected = oracle_values(x, k, dim)
    if isinstance(values, torch.Tensor) and values.shape == expected.shape and values.dtype == expected.dtype and k > 1:
        ascending = torch.from_numpy(np.ascontiguousarray(np.flip(expected.numpy(), axis=dim % x.dim())))
        smallest = torch.from_numpy(np.ascontiguousarray(np.take(np.sort(x.numpy(), axis=dim % x.dim()), np.arange(k), axis=dim % x.dim())))
        if not torch.equal(values, expected) and torch.equal(values, ascending):
            fail(f"{what}: the k largest values are in ascending order; they must go from largest to smallest (sorted=True, or sort descending)")
        if not torch.equal(values, expected) and torch.equal(values, smallest):
            fail(f"{what} returned the k smallest values; top-k takes the largest (largest=True, or sort with descending=True)")
    if isinstance(values, torch.Tensor) and tuple(values.shape) != tuple(expected.shape):
        fail(f"{what}: values have shape {tuple(values.shape)}; expected {tuple(expected.shape)}, x's shape with size k "
             f"along dim {dim} (take the top k along dim, not along the last dim or dim 0)")
    expect_tensor(values, expected, what=f"the values of {what}")
    return call, values, indices, what


def check_indices(x: torch.Tensor, dim: int, values: torch.Tensor, indices, what: str) -> None:
    if not isinstance(indices, torch.Tensor):
        fail(f"{what}: indices is {describe(indices)}; it must be a tensor of positions along dim")
    expect(indices.dtype == torch.int64, f"{what}: indices have dtype {indices.dtype}; positions are int64")
    expect(tuple(indices.shape) == tuple(values.shape),
           f"{what}: indices have shape {tuple(indices.shape)}; they must have the same shape as values {tuple(values.shape)}")
    if indices.numel() == 0:
        return
    size = x.shape[dim]
    expect(bool(((indices >= 0) & (indices < size)).all()), f"{what}: indices must be positions 0..{size - 1} along dim {dim}")
    expect(torch.equal(x.gather(dim, indices), values),
           f"{what}: x.gather(dim, indices) does not give the values; indices must be the positions of the values along dim {dim}")
    ordered = indices.sort(dim=dim).values
    duplicates = (ordered.narrow(dim, 1, ordered.shape[dim] - 1) == ordered.narrow(dim, 0, ordered.shape[dim] - 1)).any() \
        if ordered.shape[dim] > 1 else False
    expect(not bool(duplicates), f"{what}: an index appears twice along dim {dim}; each entry of x can be picked only once, even with ties")


@given(case=cases())
def test_values_match_numpy_sort(student, case):
    x, k, dim = case
    call, _, _, what = top_k(student, x, k, dim)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x), f"{what} changed x; top_k must not modify its input")


@given(case=cases())
def test_indices_point_at_the_values(student, case):
    x, k, dim = case
    _, values, indices, what = top_k(student, x, k, dim)
    check_indices(x, dim, values, indices, what)


def test_dim_is_respected(student):
    cube = torch.tensor([[[5, 1, 9], [2, 8, 3], [7, 0, 4]], [[6, 2, 1], [9, 9, 0], [3, 5, 7]], [[0, 4, 2], [1, 6, 8], [5, 3, 9]]])
    for dim in (0, 1, -2, -3, 2):
        for k in (1, 2):
            _, values, indices, what = top_k(student, cube, k, dim)
            check_indices(cube, dim, values, indices, what)


def test_order_is_descending(student):
    x = torch.tensor([[0.5, 3.0, -1.0, 2.0, 10.0], [4.0, 4.5, 0.0, -3.0, 1.0]], dtype=torch.float64)
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
