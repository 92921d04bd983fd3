"""Hidden checks for ``matrix_product(a, b)``: strict 2-D matrix product (mm semantics), raising for other ranks."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, requires
from autograder.i18n import _
from autograder.oracles import matmul
from checks_03_reductions import exact_tensor, expect_product_keeps_device

DTYPES = (torch.float32, torch.float64, torch.int64)


@st.composite
def operands(draw):
    n, k, m = (draw(st.integers(0, 5)) for _ in range(3))
    dtype = draw(st.sampled_from(DTYPES))
    a = exact_tensor((n, k), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    b = exact_tensor((k, m), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    return a, b


def product(student, a: torch.Tensor, b: torch.Tensor):
    call = student.matrix_product.call(a, b)
    what = f"matrix_product(a: {describe(a)}, b: {describe(b)})"
    result = call.result()
    expected = matmul(a, b)
    if isinstance(result, torch.Tensor) and result.shape == a.shape and a.shape == b.shape and a.numel() \
            and torch.equal(result, a * b) and not torch.equal(result, expected):
        fail("{what} multiplied element-wise (*); a matrix product sums a's rows times b's columns (mm, @)", what=what)
    expect_tensor(result, expected, what=what)
    return call, result


def expect_raise(student, a: torch.Tensor, b: torch.Tensor, why: str) -> None:
    call = student.matrix_product.call(a, b)
    what = f"matrix_product(a: {describe(a)}, b: {describe(b)})"
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised is None:
        got = call.result()
        fail("{what} returned {got} instead of raising: {why}", what=what, got=describe(got), why=why)
    expect(call.raised in ("RuntimeError", "ValueError"),
           "{what} raised {error}; raise RuntimeError (as torch.mm does) or ValueError: {why}", what=what,
           error=call.raised, why=why)


@given(case=operands())
def test_result_is_the_matrix_product(student, case):
    product(student, *case)


@requires(test_result_is_the_matrix_product)
def test_vectors_are_rejected(student):
    why = _("matrix_product is for two 2-D matrices only; matmul / @ silently treat a 1-D input as a vector, mm raises")
    A = exact_tensor((2, 3), torch.float32, 1)
    expect_raise(student, A, exact_tensor((3,), torch.float32, 2), why)
    expect_raise(student, exact_tensor((2,), torch.float32, 3), A, why)
    expect_raise(student, exact_tensor((3,), torch.float64, 4), exact_tensor((3,), torch.float64, 5), why)
    expect_raise(student, torch.tensor(2.0), A, why)


@requires(test_result_is_the_matrix_product)
def test_batches_of_matrices_are_rejected(student):
    why = _("matrix_product is for two 2-D matrices only; matmul / @ broadcast a batch of matrices, mm raises")
    expect_raise(student, exact_tensor((2, 2, 3), torch.float32, 6), exact_tensor((3, 4), torch.float32, 7), why)
    expect_raise(student, exact_tensor((2, 3), torch.float64, 8), exact_tensor((1, 3, 2), torch.float64, 9), why)
    expect_raise(student, exact_tensor((2, 2, 2), torch.int64, 10), exact_tensor((2, 2, 2), torch.int64, 11), why)


@requires(test_result_is_the_matrix_product)
def test_inner_sizes_must_match(student):
    why = _("the inner sizes differ, so (n, k) @ (k, m) is not defined")
    for a_shape, b_shape in (((2, 3), (2, 3)), ((3, 4), (3, 4)), ((1, 2), (3, 1)), ((2, 0), (1, 2))):
        expect_raise(student, exact_tensor(a_shape, torch.float32, 12), exact_tensor(b_shape, torch.float32, 13), why)


def test_square_and_transposed_matrices(student):
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
    product(student, a, b)
    product(student, a, a.t())
    product(student, exact_tensor((3, 3), torch.int64, 14, "transposed"), exact_tensor((3, 3), torch.int64, 15, "strided"))


@requires(test_result_is_the_matrix_product)
@given(case=operands())
def test_inputs_are_left_unchanged(student, case):
    a, b = case
    call, _ = product(student, a, b)
    for name, before, after in (("a", a, call.args[0]), ("b", b, call.args[1])):
        expect(tuple(after.shape) == tuple(before.shape) and torch.equal(after, before),
               "matrix_product changed {name} ({x}): use the out-of-place product (no t_(), transpose_ or mul_)",
               name=name, x=describe(before))


@requires(test_result_is_the_matrix_product)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = [((3, 4), (4, 2), torch.float32, "transposed", "contiguous"), ((2, 3), (3, 3), torch.float64, "strided", "transposed"),
             ((4, 0), (0, 2), torch.float32, "contiguous", "contiguous"),
             ((2, 2), (2, 3), torch.int64, "contiguous", "strided")]
    expect_product_keeps_device(student, "matrix_product", device, cases, "mm")
