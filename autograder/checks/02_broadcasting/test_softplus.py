"""Hidden checks for ``softplus(x)``: log(1 + exp(x)) element-wise, without overflow, keeping x's dtype."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, make_tensor, on, requires, tensors
from checks_02_broadcasting import made_a_tensor_on_the_cpu

FLOATS = (torch.float32, torch.float64)


def oracle(x: torch.Tensor) -> torch.Tensor:
    value = np.logaddexp(0.0, x.numpy().astype(np.float64))
    return torch.from_numpy(np.asarray(value).reshape(tuple(x.shape))).to(x.dtype)


def softplus(student, x: torch.Tensor):
    call = student.softplus.call(x)
    result = call.result()
    what = f"softplus({describe(x)})"
    if isinstance(result, torch.Tensor) and result.dtype != x.dtype and result.shape == x.shape:
        fail("{what} has dtype {got}: element-wise functions keep the input's dtype (compute in x's dtype, do not convert "
             "to float64 or to NumPy and back)", what=what, got=result.dtype)
    expect_tensor(result, oracle(x), what=what)
    return call, result


def softplus_value(student, x: torch.Tensor):
    call = student.softplus.call(x)
    return call.result()


@given(x=tensors(dtypes=FLOATS, max_dims=4), scale=st.sampled_from([0.1, 1.0, 4.0]))
def test_matches_float64_oracle(student, x, scale):
    softplus(student, x * scale)


@requires(test_matches_float64_oracle)
def test_large_positive_inputs_do_not_overflow(student):
    for dtype, values in ((torch.float32, [88.0, 89.0, 100.0, 500.0, 1000.0, 3e38]),
                          (torch.float64, [700.0, 710.0, 1000.0, 1e300])):
        x = torch.tensor(values, dtype=dtype)
        result = softplus_value(student, x)
        if isinstance(result, torch.Tensor) and result.shape == x.shape:
            expect(not bool(result.isinf().any() | result.isnan().any()),
                   "softplus({values}) for {dtype} gave inf or nan: exp(x) overflows for large x; use "
                   "max(x, 0) + log1p(exp(-|x|)) so that exp only sees values <= 0", values=tuple(values), dtype=dtype)
        softplus(student, x)


def test_large_negative_inputs_give_small_positive_values(student):
    for dtype, values in ((torch.float32, [-1000.0, -100.0, -50.0, -30.0, -3e38]),
                          (torch.float64, [-1000.0, -700.0, -100.0, -40.0])):
        x = torch.tensor(values, dtype=dtype)
        result = softplus_value(student, x)
        if isinstance(result, torch.Tensor) and result.shape == x.shape and result.dtype == dtype:
            expect(not bool(result.isinf().any() | result.isnan().any()),
                   "softplus({values}) for {dtype} gave inf or nan: exp(-x) overflows for very negative x; use "
                   "exp(-|x|)", values=tuple(values), dtype=dtype)
            expected = oracle(x)
            checked = expected >= torch.finfo(dtype).tiny  # positive, not subnormal: log1p gets them to a few ulps
            off = checked & ~((result - expected).abs() <= 1e-3 * expected)
            if bool(off.any()):
                i = int(off.nonzero()[0, 0])
                fail("softplus({value}) for {dtype} gave {got:.3g}, not the tiny positive {expected:.3g}: 1 + t rounds "
                     "to 1 when t = exp(-|x|) is tiny, so log(1 + t) loses it; use torch.log1p(t)",
                     value=values[i], dtype=dtype, got=result[i].item(), expected=expected[i].item())
        softplus(student, x)


@requires(test_matches_float64_oracle)
@given(x=tensors(dtypes=FLOATS, max_dims=3))
def test_input_is_left_unchanged(student, x):
    call, _ = softplus(student, x)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "softplus changed its input ({x}); use out-of-place ops (clamp, abs), not clamp_ / abs_ / relu_ which "
           "modify x", x=describe(x))


@requires(test_matches_float64_oracle)
def test_zero_dim_and_empty_inputs(student):
    for x in (torch.tensor(0.0), torch.tensor(-2.5, dtype=torch.float64), torch.zeros(0), torch.zeros(3, 0, dtype=torch.float64),
              torch.tensor([[50.0]])):
        softplus(student, x)


@requires(test_matches_float64_oracle)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (make_tensor((3, 4), torch.float32, 1, "transposed", low=-200, high=200),
             make_tensor((2, 3, 2), torch.float64, 2, "strided"), torch.tensor(-1000.0), torch.zeros(0, 2, dtype=torch.float64))
    for x in cases:
        moved = on(device, x)
        what = f"softplus({describe(moved)})"
        call = student.softplus.call(moved)
        if made_a_tensor_on_the_cpu(call):
            fail("{what} mixed devices: a tensor made without device= (torch.zeros(x.shape)) lives on the CPU; use "
                 "clamp(min=0) or torch.zeros_like(x), which follow x's device", what=what)
        expect_tensor(call.result(), on(device, oracle(x)), what=what)
