"""Hidden checks for ``l2_normalize(x, dim)``: x / max(||x|| over dim, 1e-12), the norm kept for broadcasting."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires
from checks_03_reductions import dim_forms, reduced_dims

FLOATS = (torch.float32, torch.float64)


@st.composite
def cases(draw, min_side: int = 0, zero_slices: bool = True):
    ndim = draw(st.integers(1, 4))
    shape = tuple(draw(st.integers(min_side, 4)) for _ in range(ndim))
    x = make_tensor(shape, draw(st.sampled_from(FLOATS)), draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    dim = draw(dim_forms(ndim, ("positive", "negative", "tuple")))
    if zero_slices and x.numel() and draw(st.booleans()):  # zero one whole slice: its norm is 0
        keep = [d for d in range(ndim) if d not in reduced_dims(dim, ndim)]
        index = [slice(None)] * ndim
        for d in keep:
            index[d] = draw(st.integers(0, shape[d] - 1))
        with torch.no_grad():
            x[tuple(index)] = 0
    return x, dim


def oracle(x: torch.Tensor, dim) -> torch.Tensor:
    values = x.numpy().astype(np.float64)
    norm = np.sqrt((values ** 2).sum(axis=reduced_dims(dim, x.dim()), keepdims=True))
    return torch.from_numpy(values / np.maximum(norm, 1e-12)).to(x.dtype)


def normalized(student, x: torch.Tensor, dim):
    call = student.l2_normalize.call(x, dim)
    what = f"l2_normalize({describe(x)}, dim={dim})"
    if call.raised == "RuntimeError" and "matrix_norm" in call.error_message:
        fail("{what} raised RuntimeError: x.norm (torch.norm, deprecated) takes a tuple dim for a matrix norm and refuses "
             "more than two dims; use torch.linalg.vector_norm, which takes any tuple of dims", what=what)
    if call.raised == "RuntimeError" and x.dim() > 1:
        fail("{what} raised RuntimeError: the norm must keep the reduced dims (keepdim=True) so that it broadcasts "
             "back against x", what=what)
    result = call.result()
    expected = oracle(x, dim)
    if isinstance(result, torch.Tensor) and result.shape == expected.shape and result.dtype == expected.dtype:
        if bool(result.isnan().any()) and not bool(expected.isnan().any()):
            fail("{what} contains nan: an all-zero slice has norm 0; divide by max(norm, 1e-12) (clamp) so it stays 0",
                 what=what)
    expect_tensor(result, expected, what=what, rtol=1e-5, atol=1e-6)
    return call, result


@given(case=cases())
def test_each_slice_is_divided_by_its_norm(student, case):
    normalized(student, *case)


def test_norm_is_kept_for_broadcasting_when_sizes_coincide(student):
    x = torch.tensor([[3.0, 4.0, 0.0], [1.0, 2.0, 2.0], [0.0, 5.0, 12.0]])
    for dim in (1, -1, 0):
        result = student.l2_normalize(x, dim)
        if dim != 0 and isinstance(result, torch.Tensor) and result.shape == x.shape:
            wrong = x / torch.linalg.vector_norm(x, dim=dim)  # for dim 1 the (3,) norm lines up with the columns
            expect(not torch.allclose(result, wrong),
                   "l2_normalize(x of shape (3, 3), dim={dim}) divided by a norm without keepdim: its shape (3,) lines "
                   "up with the last dim, so slices were divided by other slices' norms", dim=dim)
        normalized(student, x, dim)
    images = make_tensor((2, 3, 3, 3), torch.float64, 4)
    for dim in ((2, 3), (-1, -2), 1, (0, 1, 2, 3)):
        normalized(student, images, dim)


def test_zero_slices_stay_zero(student):
    x = torch.tensor([[0.0, 0.0, 0.0], [3.0, 0.0, 4.0]], dtype=torch.float64)
    for dim in (1, -1):
        normalized(student, x, dim)
    normalized(student, torch.zeros(2, 3), (0, 1))
    normalized(student, torch.zeros(4, dtype=torch.float64), 0)


def test_unit_length_slices(student):
    generator = torch.Generator().manual_seed(3)
    for shape, dim in (((5, 4), 1), ((3, 2, 4), (0, 2)), ((6,), 0), ((2, 3, 4), -2)):
        x = torch.randn(shape, generator=generator) * 10
        result = normalized(student, x, dim)[1]
        norms = torch.linalg.vector_norm(result.double(), dim=dim)
        expect(torch.allclose(norms, torch.ones_like(norms), atol=1e-5),
               "l2_normalize(x of shape {shape}, dim={dim}) gives slices whose 2-norm is not 1", shape=shape, dim=dim)


@requires(test_each_slice_is_divided_by_its_norm)
@given(case=cases())
def test_input_is_left_unchanged(student, case):
    x, dim = case
    call, _ = normalized(student, x, dim)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "l2_normalize changed its input ({x}): return x / norm; do not divide x in place (div_, /=)", x=describe(x))


@requires(test_each_slice_is_divided_by_its_norm)
def test_empty_tensors(student):
    for shape, dim in (((0, 3), 1), ((3, 0), 1), ((0,), 0), ((2, 0, 2), (0, 2))):
        normalized(student, torch.ones(shape), dim)


@requires(test_each_slice_is_divided_by_its_norm)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((3, 4), 1, torch.float32, "transposed"), ((2, 3, 4), (1, 2), torch.float64, "contiguous"),
             ((5,), 0, torch.float64, "strided"))
    for seed, (shape, dim, dtype, layout) in enumerate(cases):
        x = make_tensor(shape, dtype, seed, layout)
        with torch.no_grad():
            x[0] = 0  # an all-zero slice (or element) where the norm is 0
        moved = on(device, x)
        what = f"l2_normalize({describe(moved)}, dim={dim})"
        call = student.l2_normalize.call(moved, dim)
        if call.raised == "RuntimeError" and "device" in call.error_message:
            fail("{what} mixed devices: a tensor made without device= (torch.zeros(x.shape), torch.tensor([...])) lives "
                 "on the CPU; use clamp(min=1e-12) or torch.zeros_like(x), which follow x's device", what=what)
        expect_tensor(call.result(), on(device, oracle(x, dim)), what=what, rtol=1e-5, atol=1e-6)
