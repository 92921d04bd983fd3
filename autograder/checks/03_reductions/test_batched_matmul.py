"""Hidden checks for ``batched_matmul(a, b)``: a[i] @ b[i].T for a (Ba, n, k) and b (Bb, m, k), the batch dim broadcast
(matmul semantics, b's last two dims swapped)."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, requires
from autograder.i18n import _
from autograder.oracles import matmul
from checks_03_reductions import exact_tensor, expect_product_keeps_device

DTYPES = (torch.float32, torch.float64, torch.int64)


@st.composite
def operands(draw, broadcast: bool | None = None):
    n, k, m = (draw(st.integers(0, 4)) for _ in range(3))
    size = draw(st.integers(0, 4))
    kind = draw(st.sampled_from(["equal", "a is 1", "b is 1"])) if broadcast is None else \
        draw(st.sampled_from(["a is 1", "b is 1"])) if broadcast else "equal"
    ba, bb = (size, size) if kind == "equal" else (1, size) if kind == "a is 1" else (size, 1)
    dtype = draw(st.sampled_from(DTYPES))
    a = exact_tensor((ba, n, k), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    b = exact_tensor((bb, m, k), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    return a, b


def expected_product(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return matmul(a, b.transpose(-2, -1))


def batched(student, a: torch.Tensor, b: torch.Tensor):
    call = student.batched_matmul.call(a, b)
    what = f"batched_matmul(a: {describe(a)}, b: {describe(b)})"
    if call.raised == "RuntimeError" and "t() expects" in call.error_message:
        fail("{what} raised RuntimeError: .t() only transposes 2-D tensors; swap the last two dims of the batch with "
             "b.transpose(-2, -1) (or b.mT)", what=what)
    if call.raised == "RuntimeError" and a.shape[0] == b.shape[0] and a.shape[0] > 0:
        fail("{what} raised RuntimeError: out[i] = a[i] @ b[i].T, so b's last two dims must be swapped "
             "(b.transpose(-2, -1) or b.mT) before multiplying; both a and b end in k", what=what)
    if call.raised == "RuntimeError" and a.shape[0] != b.shape[0]:
        fail("{what} raised RuntimeError: a batch of size 1 must be broadcast against the other batch; bmm needs equal "
             "batch sizes, matmul / @ broadcast them", what=what)
    if call.raised == "RuntimeError" and a.shape[0] == 0:
        fail("{what} raised RuntimeError: an empty batch gives an empty (0, n, m) result; do not stack a Python list",
             what=what)
    result = call.result()
    expected = expected_product(a, b)
    if isinstance(result, torch.Tensor) and a.shape[2] == b.shape[1] and result.shape == expected.shape \
            and result.device.type != "meta" and not torch.equal(result.cpu(), expected) \
            and torch.equal(result.cpu(), matmul(a, b)):
        fail("{what} multiplied a[i] @ b[i] without transposing b; out[i] = a[i] @ b[i].T (b.transpose(-2, -1) or b.mT)",
             what=what)
    if isinstance(result, torch.Tensor) and tuple(result.shape) == (expected.shape[0], expected.shape[2], expected.shape[1]) \
            and result.device.type != "meta" and expected.shape[1] != expected.shape[2]:
        fail("{what} has shape {got}; expected {expected}: out[i] = a[i] @ b[i].T has n rows (from a) and m columns "
             "(from b), not b[i] @ a[i].T", what=what, got=tuple(result.shape), expected=tuple(expected.shape))
    if isinstance(result, torch.Tensor) and tuple(result.shape) != tuple(expected.shape) and result.shape[1:] == expected.shape[1:]:
        fail("{what} has batch size {got}; expected {expected}: the batch dims broadcast like in element-wise ops "
             "(1 against B gives B)", what=what, got=result.shape[0], expected=expected.shape[0])
    expect_tensor(result, expected, what=what)
    return call, result


def expect_raise(student, a: torch.Tensor, b: torch.Tensor, why: str) -> None:
    call = student.batched_matmul.call(a, b)
    what = f"batched_matmul(a: {describe(a)}, b: {describe(b)})"
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised is None:
        fail("{what} returned {got} instead of raising: {why}", what=what, got=describe(call.result()), why=why)
    expect(call.raised in ("RuntimeError", "ValueError"), "{what} raised {error}; raise RuntimeError or ValueError: {why}",
           what=what, error=call.raised, why=why)


@given(case=operands())
def test_each_batch_entry_is_a_matrix_product(student, case):
    batched(student, *case)


@given(case=operands(broadcast=True))
def test_batch_of_one_is_broadcast(student, case):
    batched(student, *case)


def test_each_matrix_pairs_with_its_own_partner(student):
    a = torch.stack([torch.eye(2), 2 * torch.eye(2), 3 * torch.eye(2)])       # (3, 2, 2)
    b = torch.arange(12.0).view(3, 2, 2)
    batched(student, a, b)
    batched(student, b, a)
    batched(student, a[:1], b)
    batched(student, b, a[2:])
    batched(student, exact_tensor((2, 3, 4), torch.int64, 1, "transposed"), exact_tensor((2, 5, 4), torch.int64, 2, "strided"))


@requires(test_each_batch_entry_is_a_matrix_product)
def test_mismatched_sizes_raise(student):
    inner, batch = _("the inner sizes k differ"), _("batch sizes {a} and {b} cannot broadcast")
    cases = (((2, 2, 3), (2, 3, 2), inner), ((3, 2, 3), (2, 4, 3), batch.format(a=3, b=2)),
             ((2, 1, 4), (2, 3, 1), inner), ((4, 2, 2), (3, 2, 2), batch.format(a=4, b=3)), ((2, 2, 3), (2, 3, 4), inner))
    for a_shape, b_shape, why in cases:
        expect_raise(student, exact_tensor(a_shape, torch.float32, 3), exact_tensor(b_shape, torch.float32, 4), why)


@requires(test_each_batch_entry_is_a_matrix_product)
def test_empty_and_size_one_dims(student):
    for a_shape, b_shape in (((0, 2, 3), (0, 4, 3)), ((1, 2, 3), (0, 4, 3)), ((2, 0, 3), (2, 4, 3)), ((2, 2, 0), (1, 3, 0)),
                             ((3, 2, 3), (3, 0, 3)), ((1, 1, 1), (1, 1, 1)), ((2, 1, 3), (1, 1, 3))):
        batched(student, exact_tensor(a_shape, torch.float64, 5), exact_tensor(b_shape, torch.float64, 6))


@requires(test_each_batch_entry_is_a_matrix_product)
@given(case=operands())
def test_inputs_are_left_unchanged(student, case):
    a, b = case
    call, _ = batched(student, a, b)
    for name, before, after in (("a", a, call.args[0]), ("b", b, call.args[1])):
        expect(tuple(after.shape) == tuple(before.shape) and torch.equal(after, before),
               "batched_matmul changed {name} ({x}): multiply without in-place ops on the inputs", name=name,
               x=describe(before))


@requires(test_each_batch_entry_is_a_matrix_product)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    cases = [((1, 3, 4), (3, 2, 4), torch.float32, "transposed", "contiguous"),
             ((2, 2, 3), (1, 3, 3), torch.float64, "strided", "transposed"),
             ((2, 2, 3), (2, 4, 3), torch.float32, "contiguous", "strided"), ((0, 2, 3), (1, 2, 3), torch.float64, "contiguous", "contiguous"),
             ((3, 2, 2), (1, 3, 2), torch.int64, "contiguous", "strided")]
    expect_product_keeps_device(student, "batched_matmul", device, cases, "matmul, @", transpose_b=True)
