"""Hidden checks for ``huber(x, delta)``: 0.5 x^2 where |x| <= delta, delta (|x| - delta / 2) elsewhere."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, make_tensor, on, requires, tensors
from checks_02_broadcasting import made_a_tensor_on_the_cpu

FLOATS = (torch.float32, torch.float64)
DELTAS = st.sampled_from([0.25, 1.0, 1.5, 3.0, 7.5])


def oracle(x: torch.Tensor, delta: float) -> torch.Tensor:
    a = np.abs(x.numpy().astype(np.float64))
    value = np.where(a <= delta, 0.5 * a * a, delta * (a - 0.5 * delta))
    return torch.from_numpy(np.asarray(value).reshape(tuple(x.shape))).to(x.dtype)


def huber(student, x: torch.Tensor, delta: float):
    call = student.huber.call(x, delta)
    what = f"huber({describe(x)}, delta={delta})"
    if call.raised == "RuntimeError" and "ambiguous" in call.error_message:
        fail("{what} raised RuntimeError (Boolean value of Tensor is ambiguous): a Python if cannot test a tensor "
             "element-wise; choose between the two branches with torch.where", what=what)
    result = call.result()
    expect_tensor(result, oracle(x, delta), what=what)
    return call, result


@given(x=tensors(dtypes=FLOATS, max_dims=4), delta=DELTAS)
def test_matches_float64_oracle(student, x, delta):
    huber(student, x, delta)


def test_negative_values_use_the_absolute_value(student):
    x = torch.tensor([-9.0, -4.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 4.0, 9.0])
    for delta in (1.0, 2.5):
        result = student.huber(x, delta)
        if isinstance(result, torch.Tensor) and result.shape == x.shape:
            wrong = (result - oracle(x, delta)).abs() > 1e-5
            wrong_positive, wrong_negative = bool(wrong[x > 0].any()), bool(wrong[x < 0].any())
            expect(not wrong_positive or wrong_negative,
                   "huber(x, delta={delta}) is wrong for positive x; the linear branch is delta * (|x| - 0.5 * delta)",
                   delta=delta)
            if wrong_negative and not wrong_positive:
                fail("huber(x, delta={delta}) is wrong for negative x (e.g. x = {value}): both the condition and the "
                     "linear branch use |x| (abs), so -x and x give the same value", delta=delta,
                     value=x[wrong & (x < 0)][0].item())
        huber(student, x, delta)


def test_both_branches_and_the_threshold(student):
    for delta in (0.5, 2.0, 3.0):
        x = torch.tensor([0.0, delta / 2, delta, delta * 1.5, delta * 4, -delta * 3], dtype=torch.float64)
        result = student.huber(x, delta)
        expected = oracle(x, delta)
        if isinstance(result, torch.Tensor) and result.shape == x.shape and result.dtype == x.dtype:
            expect(torch.allclose(result[:3], expected[:3]),
                   "huber(x, delta={delta}) is wrong where |x| <= delta: the quadratic branch is 0.5 * x**2, got {got} "
                   "for x = {x}", delta=delta, got=tuple(result[:3].tolist()), x=tuple(x[:3].tolist()))
            expect(torch.allclose(result[3:], expected[3:]),
                   "huber(x, delta={delta}) is wrong where |x| > delta: the linear branch is delta * (|x| - 0.5 * delta), "
                   "got {got} for x = {x}", delta=delta, got=tuple(result[3:].tolist()), x=tuple(x[3:].tolist()))
        huber(student, x, delta)


@requires(test_matches_float64_oracle)
@given(x=tensors(dtypes=FLOATS, max_dims=3), delta=DELTAS)
def test_input_is_left_unchanged(student, x, delta):
    call, _ = huber(student, x, delta)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "huber changed its input ({x}); use x.abs(), not the in-place x.abs_() (the op_ version modifies x)",
           x=describe(x))


@requires(test_matches_float64_oracle)
def test_zero_dim_and_empty_inputs(student):
    cases = (torch.tensor(-3.0), torch.tensor(0.25, dtype=torch.float64), torch.zeros(0), torch.zeros(2, 0, 3, dtype=torch.float64),
             torch.tensor([[5.0]]))
    for x in cases:
        huber(student, x, 1.0)


@requires(test_matches_float64_oracle)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = (((3, 4), torch.float32, "transposed", 1.0), ((2, 3, 2), torch.float64, "strided", 2.5),
             ((), torch.float32, "contiguous", 0.5), ((0, 3), torch.float64, "contiguous", 1.5))
    for seed, (shape, dtype, layout, delta) in enumerate(cases):
        x = make_tensor(shape, dtype, seed, layout)
        moved = on(device, x)
        what = f"huber({describe(moved)}, delta={delta})"
        call = student.huber.call(moved, delta)
        if made_a_tensor_on_the_cpu(call):
            fail("{what} mixed devices: a tensor made without device= (torch.full(x.shape, delta)) lives on the CPU; use a "
                 "Python number or torch.full_like(x, delta), which follow x's device", what=what)
        expect_tensor(call.result(), on(device, oracle(x, delta)), what=what)
