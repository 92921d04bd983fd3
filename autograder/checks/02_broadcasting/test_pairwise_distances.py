"""Hidden checks for ``pairwise_distances(x, y)``: (n, d) and (m, d) points give the (n, m) Euclidean distances."""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires
from checks_02_broadcasting import made_a_tensor_on_the_cpu

FLOATS = (torch.float32, torch.float64)


def points(shape: tuple, dtype: torch.dtype, seed: int, layout: str, integral: bool) -> torch.Tensor:
    x = make_tensor(shape, dtype, seed, layout)
    if integral:  # integer-valued floats: every correct formula is exact, whatever its order of operations
        with torch.no_grad():
            x.round_()
    return x


@st.composite
def point_sets(draw, integral: bool = True, min_size: int = 0):
    n, m, d = draw(st.integers(min_size, 5)), draw(st.integers(min_size, 5)), draw(st.integers(min_size, 4))
    dtype = draw(st.sampled_from(FLOATS))
    x = points((n, d), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)), integral)
    y = points((m, d), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)), integral)
    return x, y


def oracle(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    a, b = x.numpy().astype(np.float64), y.numpy().astype(np.float64)
    dist = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1))
    return torch.from_numpy(dist.reshape(len(a), len(b))).to(x.dtype)


def distances(student, x: torch.Tensor, y: torch.Tensor, **tolerance):
    call = student.pairwise_distances.call(x, y)
    what = f"pairwise_distances(x: {describe(x)}, y: {describe(y)})"
    if call.raised == "RuntimeError" and 0 in (x.shape[0], y.shape[0]):
        fail("{what} raised RuntimeError: with 0 points the answer is an empty (n, m) tensor; broadcast instead of "
             "stacking a Python list", what=what)
    if call.raised == "RuntimeError" and x.shape[0] != y.shape[0]:
        fail("{what} raised RuntimeError: x - y only works when n == m; insert size-1 dims, e.g. x of shape (n, 1, d) "
             "against y of shape (1, m, d), so that every pair is formed", what=what)
    result = call.result()
    n, m = x.shape[0], y.shape[0]
    if isinstance(result, torch.Tensor) and tuple(result.shape) == (m, n) and n != m:
        fail("{what} has shape {got}: the result is transposed; out[i, j] is the distance from x[i] to y[j], shape "
             "(n, m) = {expected}", what=what, got=(m, n), expected=(n, m))
    expect_tensor(result, oracle(x, y), what=what, **tolerance)
    return call, result


@given(case=point_sets())
def test_matches_float64_oracle(student, case):
    distances(student, *case)


def test_float_values_and_distinct_n_and_m(student):
    generator = torch.Generator().manual_seed(5)
    for n, m, d, dtype in ((4, 3, 2, torch.float32), (2, 5, 3, torch.float64), (6, 1, 4, torch.float32),
                           (3, 3, 1, torch.float64)):
        x = torch.randn(n, d, generator=generator, dtype=dtype) * 3
        y = torch.randn(m, d, generator=generator, dtype=dtype) * 3
        tol = dict(rtol=1e-4, atol=1e-4) if dtype == torch.float32 else dict(rtol=1e-9, atol=1e-9)
        distances(student, x, y, **tol)
    x = torch.tensor([[0.0, 0.0], [3.0, 4.0]])
    y = torch.tensor([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    got = student.pairwise_distances(x, y)
    if isinstance(got, torch.Tensor) and got.shape == (2, 3) and torch.allclose(got, torch.cdist(x, y) ** 2):
        fail("pairwise_distances returned squared distances; take the square root of the summed squares")
    if isinstance(got, torch.Tensor) and got.shape == (2, 3) and torch.allclose(got, torch.cdist(x, y, p=1)):
        fail("pairwise_distances summed absolute differences (L1); the Euclidean distance is the square root of the summed squares")
    distances(student, x, y)


def test_distance_of_a_point_to_itself_is_zero_not_nan(student):
    cases = ((1, 17, torch.float32, 1e-2), (2, 8, torch.float64, 1e-6), (3, 33, torch.float32, 2e-2), (4, 3, torch.float32, 1e-2))
    for seed, d, dtype, atol in cases:
        x = torch.randn(6, d, generator=torch.Generator().manual_seed(seed), dtype=dtype)
        y = x.t().contiguous().t()  # the same points, stored column-major
        result = student.pairwise_distances(x, y)
        if isinstance(result, torch.Tensor) and result.shape == (6, 6):
            expect(not bool(result.isnan().any()),
                   "pairwise_distances(x, y) for identical points ({x}) contains nan: rounding made a squared distance "
                   "slightly negative before sqrt (clamp it at 0, or subtract before squaring)", x=describe(x))
            diagonal = result.diagonal()
            expect(bool((diagonal.abs() <= atol).all()),
                   "pairwise_distances(x, y) for identical points ({x}) has a nonzero diagonal; the distance of a point "
                   "to itself is 0", x=describe(x))
        distances(student, x, y, rtol=1e-4, atol=atol)


@requires(test_matches_float64_oracle)
@given(case=point_sets(integral=False))
def test_inputs_are_left_unchanged(student, case):
    x, y = case
    call = student.pairwise_distances.call(x, y)
    call.result()
    for name, before, after in (("x", x, call.args[0]), ("y", y, call.args[1])):
        expect(isinstance(after, torch.Tensor) and tuple(after.shape) == tuple(before.shape) and torch.equal(after, before),
               "pairwise_distances changed its input {name} ({x}); compute the distances without in-place ops on the "
               "inputs (no sub_, pow_, unsqueeze_)", name=name, x=describe(before))


@requires(test_matches_float64_oracle)
def test_empty_inputs(student):
    cases = (((0, 3), (4, 3)), ((2, 3), (0, 3)), ((0, 2), (0, 2)), ((3, 0), (2, 0)), ((1, 0), (1, 0)))
    for x_shape, y_shape in cases:
        for dtype in FLOATS:
            distances(student, torch.ones(x_shape, dtype=dtype), torch.zeros(y_shape, dtype=dtype))


@requires(test_matches_float64_oracle)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = ((4, 3, 2, torch.float32, "transposed"), (2, 5, 3, torch.float64, "contiguous"),
             (3, 2, 0, torch.float32, "contiguous"), (0, 3, 2, torch.float64, "strided"))
    for seed, (n, m, d, dtype, layout) in enumerate(cases):
        x, y = points((n, d), dtype, seed, layout, True), points((m, d), dtype, seed + 10, "contiguous", True)
        moved_x, moved_y = on(device, x, y)
        what = f"pairwise_distances(x: {describe(moved_x)}, y: {describe(moved_y)})"
        call = student.pairwise_distances.call(moved_x, moved_y)
        if made_a_tensor_on_the_cpu(call):
            fail("{what} mixed devices: a tensor made without device= (torch.zeros(n, m)) lives on the CPU; use "
                 "clamp(min=0) or torch.zeros_like, which follow x's device", what=what)
        expect_tensor(call.result(), on(device, oracle(x, y)), what=what)
