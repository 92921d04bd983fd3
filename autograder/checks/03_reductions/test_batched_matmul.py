"""Hidden checks for ``batched_matmul(a, b)``: (Ba, n, k) @ (Bb, k, m) with the batch dim broadcast (matmul semantics)."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, exact_tensor, expect, expect_tensor, fail
from autograder.oracles import matmul

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
    b = exact_tensor((bb, k, m), dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    return a, b


def batched(student, a: torch.Tensor, b: torch.Tensor):
    call = student.batched_matmul.call(a, b)
    what = f"batched_matmul(a: {describe(a)}, b: {describe(b)})"
    if call.raised == "RuntimeError" and a.shape[0] != b.shape[0]:
        fail(f"{what} raised RuntimeError: a batch of size 1 must be broadcast against the other batch; bmm needs equal "
             f"batch sizes, matmul / @ broadcast them")
    if call.raised == "RuntimeError" and a.shape[0] == 0:
        fail(f"{what} raised RuntimeError: an empty batch gives an empty (0, n, m) result; do not stack a Python list")
    result = call.result()
    expected = matmul(a, b)
    if isinstance(result, torch.Tensor) and tuple(result.shape) != tuple(expected.shape) and result.shape[1:] == expected.shape[1:]:
        fail(f"{what} has batch size {result.shape[0]}; expected {expected.shape[0]}: the batch dims broadcast like in "
             f"element-wise ops (1 against B gives B)")
    expect_tensor(result, expected, what=what)
    return call, result


def expect_raise(student, a: torch.Tensor, b: torch.Tensor, why: str) -> None:
    call = student.batched_matmul.call(a, b)
    what = f"batched_matmul(a: {describe(a)}, b: {describe(b)})"
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised is None:
        fail(f"{what} returned {describe(call.result())} instead of raising: {why}")
    expect(call.raised in ("RuntimeError", "ValueError"), f"{what} raised {call.raised}; raise RuntimeError or ValueError: {why}")


@given(case=operands())
def test_matches_numpy_matmul(student, case):
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
    batched(student, exact_tensor((2, 3, 4), torch.int64, 1, "transposed"), exact_tensor((2, 4, 3), torch.int64, 2, "strided"))


def test_mismatched_sizes_raise(student):
    cases = (((2, 2, 3), (2, 2, 3), "the inner sizes k differ"), ((3, 2, 3), (2, 3, 2), "batch sizes 3 and 2 cannot broadcast"),
             ((2, 1, 4), (2, 3, 1), "the inner sizes k differ"), ((4, 2, 2), (3, 2, 2), "batch sizes 4 and 3 cannot broadcast"))
    for a_shape, b_shape, why in cases:
        expect_raise(student, exact_tensor(a_shape, torch.float32, 3), exact_tensor(b_shape, torch.float32, 4), why)


def test_empty_and_size_one_dims(student):
    for a_shape, b_shape in (((0, 2, 3), (0, 3, 4)), ((1, 2, 3), (0, 3, 4)), ((2, 0, 3), (2, 3, 4)), ((2, 2, 0), (1, 0, 3)),
                             ((3, 2, 3), (3, 3, 0)), ((1, 1, 1), (1, 1, 1)), ((2, 1, 3), (1, 3, 1))):
        batched(student, exact_tensor(a_shape, torch.float64, 5), exact_tensor(b_shape, torch.float64, 6))


@given(case=operands())
def test_inputs_are_left_unchanged(student, case):
    a, b = case
    call, _ = batched(student, a, b)
    for name, before, after in (("a", a, call.args[0]), ("b", b, call.args[1])):
        expect(tuple(after.shape) == tuple(before.shape) and torch.equal(after, before),
               f"batched_matmul changed {name} ({describe(before)}); multiply without in-place ops on the inputs")
