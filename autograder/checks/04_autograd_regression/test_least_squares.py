"""Hidden checks for ``least_squares(x, y)``: the exact minimiser of the tutorial's loss, y ~ w * x**2 + b."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_device_safe, fail, on, requires

DTYPES = (torch.float32, torch.float64)


def oracle(x, y, *, square=True, intercept=True) -> tuple[float, ...]:
    xs, ys = x.double().numpy().ravel(), y.double().numpy().ravel()
    cols = [xs ** 2 if square else xs] + ([np.ones_like(xs)] if intercept else [])
    theta = np.linalg.lstsq(np.stack(cols, axis=1), ys, rcond=None)[0]
    return tuple(float(t) for t in theta)


@st.composite
def samples(draw, min_n: int = 3, max_n: int = 30):
    """x, y of shape (n, 1) whose x**2 values are well spread, so the fit is well posed."""
    n = draw(st.integers(min_n, max_n))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    span = draw(st.sampled_from([0.5, 1.0, 2.0]))
    x = torch.linspace(-span, span, n, dtype=torch.float64) + 0.2 * span * torch.rand(n, generator=g, dtype=torch.float64)
    w, b = draw(st.floats(-5, 5)), draw(st.floats(-5, 5))
    y = w * x.pow(2) + b + draw(st.sampled_from([0.0, 0.1, 1.0])) * torch.randn(n, generator=g, dtype=torch.float64)
    return x.unsqueeze(1).to(dtype), y.unsqueeze(1).to(dtype)


def fit(student, x, y) -> tuple[float, float]:
    call = student.least_squares.call(x, y)
    result = call.result()
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("least_squares returned a {got}; it must return a pair of floats (w, b)", got=describe(result))
    try:
        return float(result[0]), float(result[1])
    except (TypeError, ValueError, RuntimeError):
        fail("least_squares returned ({w}, {b}); return two Python floats (.item())", w=describe(result[0]),
             b=describe(result[1]))


def check(student, x, y, tol: float) -> None:
    got = fit(student, x, y)
    expected = oracle(x, y)
    def near(a, b):
        return all(abs(p - q) <= tol * max(1.0, abs(q)) for p, q in zip(a, b))
    if near(got, expected):
        return
    if near(got, expected[::-1]):
        fail("least_squares returns (b, w); the order is (w, b), the coefficient of x**2 first")
    if near(got, oracle(x, y, square=False)):
        fail("least_squares fits y ~ w * x + b; the model is y ~ w * x**2 + b, so the design matrix has columns x**2 and 1")
    if near(got[:1], oracle(x, y, intercept=False)):
        fail("least_squares fits y ~ w * x**2 without the intercept b; add a column of ones to the design matrix")
    fail("least_squares on {n} samples ({dtype}) gives w, b = {w:.6g}, {b:.6g}; the least-squares fit is "
         "{ew:.6g}, {eb:.6g}", n=x.shape[0], dtype=x.dtype, w=got[0], b=got[1], ew=expected[0], eb=expected[1])


@given(case=samples())
def test_matches_float64_least_squares(student, case):
    x, y = case
    check(student, x, y, 2e-3 if x.dtype == torch.float32 else 1e-7)


def test_recovers_exact_quadratics(student):
    for n, w, b, dtype in ((9, 2.5, -1.0, torch.float32), (5, -0.5, 3.0, torch.float64), (20, 4.0, 0.25, torch.float64)):
        x = torch.linspace(-1, 2, n, dtype=dtype).unsqueeze(1)
        y = w * x.pow(2) + b
        got = fit(student, x, y)
        if abs(got[0] - b) < 1e-3 and abs(got[1] - w) < 1e-3:
            fail("least_squares returns (b, w); the order is (w, b), the coefficient of x**2 first")
        expect(abs(got[0] - w) < 1e-3 and abs(got[1] - b) < 1e-3,
               "for data exactly on y = {ew} * x**2 + {eb}, least_squares gives w, b = {w:.6g}, {b:.6g}",
               ew=w, eb=b, w=got[0], b=got[1])


def test_tutorial_data(student):
    g = torch.Generator().manual_seed(100)
    x = torch.linspace(-1, 1, 100).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(x.size(), generator=g)
    check(student, x, y, 1e-4)


@requires(test_matches_float64_least_squares)
def test_two_or_three_points(student):
    for xs, ys in (((0.0, 1.0), (1.0, 4.0)), ((-2.0, 1.0), (0.0, 3.0)), ((0.5, -1.5, 1.0), (2.0, 2.0, 5.0))):
        x = torch.tensor(xs, dtype=torch.float64).unsqueeze(1)
        y = torch.tensor(ys, dtype=torch.float64).unsqueeze(1)
        check(student, x, y, 1e-7)


@requires(test_matches_float64_least_squares)
def test_inputs_are_left_unchanged(student):
    g = torch.Generator().manual_seed(9)
    for n, dtype in ((3, torch.float32), (8, torch.float64), (20, torch.float32)):
        x = (torch.linspace(-1.5, 1.5, n, dtype=torch.float64) + 0.1 * torch.rand(n, generator=g, dtype=torch.float64))
        y = 2 * x.pow(2) - 1 + 0.3 * torch.randn(n, generator=g, dtype=torch.float64)
        x, y = x.unsqueeze(1).to(dtype), y.unsqueeze(1).to(dtype)
        call = student.least_squares.call(x, y)
        call.result()
        for name, before, after in (("x", x, call.args[0]), ("y", y, call.args[1])):
            expect(isinstance(after, torch.Tensor) and after.shape == before.shape and after.dtype == before.dtype
                   and torch.equal(after, before), "least_squares changed its input {name}: build the design matrix "
                                                   "with out-of-place ops (x.pow(2), not x.pow_(2) or x **= 2)",
                   name=name)


@requires(test_matches_float64_least_squares)
@pytest.mark.shape_only
def test_works_on_the_device_of_its_inputs(student, device):
    for n, dtype in ((6, torch.float32), (11, torch.float64)):
        x = torch.linspace(-1, 2, n, dtype=dtype).unsqueeze(1)
        y = 1.5 * x.pow(2) - 0.5 + 0.1 * torch.cos(7 * x)
        if device.type == "meta":  # torch.linalg.lstsq has no meta kernel: reaching it is all meta can show
            expect_device_safe(student.least_squares.call(*on(device, x, y)), f"least_squares(x, y) ({dtype})")
            continue
        got = fit(student, *on(device, x, y))
        expected = oracle(x, y)
        expect(all(abs(p - q) <= 1e-3 * max(1.0, abs(q)) for p, q in zip(got, expected)),
               "least_squares on the {device} device gives w, b = {w:.6g}, {b:.6g}; the least-squares fit is "
               "{ew:.6g}, {eb:.6g}", device=device.type, w=got[0], b=got[1], ew=expected[0], eb=expected[1])


@requires(test_matches_float64_least_squares)
def test_returns_two_python_floats(student):
    for dtype in (torch.float32, torch.float64):
        x = torch.linspace(-1, 2, 7, dtype=dtype).unsqueeze(1)
        result = student.least_squares(x, 2 * x.pow(2) + 1)
        for name, value in zip("wb", result):
            expect(isinstance(value, float), "least_squares returned {got} for {name}; return two Python floats "
                                             "(theta[0].item()), not tensors", got=describe(value), name=name)
