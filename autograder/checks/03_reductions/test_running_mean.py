"""Hidden checks for ``running_mean(x, dim)``: cumsum along dim divided by 1, 2, 3, ... laid out along dim."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires

FLOATS = (torch.float32, torch.float64)


@st.composite
def cases(draw, min_dims: int = 1):
    ndim = draw(st.integers(min_dims, 4))
    shape = tuple(draw(st.integers(0, 4)) for _ in range(ndim))
    x = make_tensor(shape, draw(st.sampled_from(FLOATS)), draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    return x, draw(st.integers(-ndim, ndim - 1))


def oracle(x: torch.Tensor, dim: int) -> torch.Tensor:
    values = x.numpy().astype(np.float64)
    axis = dim % x.dim()
    counts = np.arange(1, x.shape[axis] + 1, dtype=np.float64).reshape([-1 if d == axis else 1 for d in range(x.dim())])
    return torch.from_numpy(np.cumsum(values, axis=axis) / counts).to(x.dtype)


def running_mean(student, x: torch.Tensor, dim: int):
    call = student.running_mean.call(x, dim)
    what = f"running_mean({describe(x)}, dim={dim})"
    if call.raised == "RuntimeError" and dim % x.dim() != x.dim() - 1:
        fail("{what} raised RuntimeError: the divisors 1..n must lie along dim; a 1-D arange lines up with the last "
             "dim, so give it shape (n, 1, ...) matching dim (or move dim to the end and back)", what=what)
    result = call.result()
    expected = oracle(x, dim)
    if isinstance(result, torch.Tensor) and result.shape == expected.shape and result.dtype != x.dtype:
        fail("{what} has dtype {got}; expected {expected}: make the divisors with x's dtype so type promotion "
             "does not change the result", what=what, got=result.dtype, expected=x.dtype)
    if isinstance(result, torch.Tensor) and result.shape == expected.shape and result.dtype == expected.dtype:
        if bool(result.isinf().any() | result.isnan().any()) and not bool(expected.isinf().any() | expected.isnan().any()):
            fail("{what} contains inf or nan: the first position is divided by 1, not 0 (counts are 1, 2, ..., n)",
                 what=what)
    expect_tensor(result, expected, what=what, rtol=1e-5, atol=1e-5)
    return call, result


@given(case=cases())
def test_each_position_is_the_mean_of_the_entries_up_to_it(student, case):
    running_mean(student, *case)


def test_divisors_line_up_with_dim_when_sizes_coincide(student):
    x = torch.tensor([[1.0, 2.0, 3.0], [5.0, 6.0, 7.0], [9.0, 1.0, 2.0]])
    for dim in (0, -2, 1, -1):
        result = student.running_mean(x, dim)
        if dim % 2 == 0 and isinstance(result, torch.Tensor) and result.shape == x.shape:
            along_last = x.cumsum(dim=dim) / torch.arange(1, 4, dtype=x.dtype)
            expect(not torch.allclose(result, along_last),
                   "running_mean(x of shape (3, 3), dim={dim}) divided by 1, 2, 3 along the last dim: the divisors "
                   "must lie along dim, shape (3, 1) here", dim=dim)
        running_mean(student, x, dim)
    cube = make_tensor((2, 2, 2), torch.float64, 11)
    for dim in (0, 1, 2, -3):
        running_mean(student, cube, dim)


def test_dtype_is_kept(student):
    for dtype in FLOATS:
        for dim in (0, 1, -1):
            x = make_tensor((3, 4), dtype, 5 + dim)
            result = student.running_mean(x, dim)
            expect(isinstance(result, torch.Tensor) and result.dtype == dtype,
                   "running_mean({x}, dim={dim}) has dtype {got}; the result must keep x's dtype (float64 divisors "
                   "turn float32 into float64)", x=describe(x), dim=dim, got=getattr(result, "dtype", type(result).__name__))
            running_mean(student, x, dim)


@requires(test_each_position_is_the_mean_of_the_entries_up_to_it)
def test_size_zero_and_one_along_dim(student):
    for shape, dim in (((0,), 0), ((3, 0), 1), ((0, 4), 0), ((1,), 0), ((4, 1), -1), ((1, 3), 0), ((2, 0, 3), -1)):
        running_mean(student, make_tensor(shape, torch.float32, len(shape)), dim)


@requires(test_each_position_is_the_mean_of_the_entries_up_to_it)
@given(case=cases())
def test_input_is_left_unchanged(student, case):
    x, dim = case
    call, _ = running_mean(student, x, dim)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "running_mean changed its input ({x}): use cumsum and division that return new tensors, not cumsum_ or "
           "div_ on x", x=describe(x))


@requires(test_each_position_is_the_mean_of_the_entries_up_to_it)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((3, 4), 0, torch.float32, "transposed"), ((2, 3, 4), -1, torch.float64, "contiguous"),
             ((4,), 0, torch.float32, "strided"), ((2, 0, 3), 1, torch.float64, "contiguous"))
    for seed, (shape, dim, dtype, layout) in enumerate(cases):
        x = make_tensor(shape, dtype, seed, layout)
        moved = on(device, x)
        what = f"running_mean({describe(moved)}, dim={dim})"
        call = student.running_mean.call(moved, dim)
        if call.raised == "RuntimeError" and "device" in call.error_message:
            fail("{what} mixed devices: divisors made by torch.arange(...) without device= live on the CPU; "
                 "make them with device=x.device (and dtype=x.dtype)", what=what)
        expect_tensor(call.result(), on(device, oracle(x, dim)), what=what, rtol=1e-5, atol=1e-5)
