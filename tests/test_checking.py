"""The checks' comparison helpers: ``expect_tensor`` takes a shortcut for equal tensors, and must still say exactly
what ``torch.testing.assert_close`` says, for every pair it is given."""
import pytest
import torch
from hypothesis import given, settings, strategies as st

from autograder.checking import CheckFailure, expect_tensor

SPECIAL = [0.0, -0.0, 1.0, -1.5, 1e-7, 3.4e38, float("nan"), float("inf"), float("-inf")]
DTYPES = [torch.float32, torch.float64, torch.float16, torch.complex64, torch.int64, torch.uint8, torch.bool]


@st.composite
def tensor_pairs(draw):
    """An expected tensor and a got one of its shape and dtype: equal, nearly equal, or not, with special values,
    either of them non-contiguous (a transpose or a stepped slice)."""
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(st.lists(st.integers(0, 4), min_size=0, max_size=3))
    count = 1
    for size in shape:
        count *= size
    values = draw(st.lists(st.sampled_from(SPECIAL) | st.floats(-4, 4), min_size=count, max_size=count))
    expected = torch.tensor(values, dtype=torch.float64).reshape(shape).to(dtype)
    change = draw(st.sampled_from([0.0, 1e-9, 1e-3, 1.0]))  # added to one element: none, within, past tolerance
    got = expected.clone()
    if count and change:
        flat = got.view(-1)
        index = draw(st.integers(0, count - 1))
        if dtype == torch.bool:
            flat[index] = ~flat[index]
        elif dtype.is_floating_point or dtype.is_complex:
            flat[index] += change
        elif change == 1.0:
            flat[index] += 1

    def layout(t):
        if t.dim() >= 2 and draw(st.booleans()):
            return t.transpose(0, 1).contiguous().transpose(0, 1)  # same values, other strides
        if t.dim() >= 1 and draw(st.booleans()):
            doubled = torch.stack([t, t], dim=-1)
            return doubled[..., 0]  # a stepped view
        return t

    return layout(got), layout(expected)


@settings(max_examples=400, deadline=None)
@given(tensor_pairs())
def test_expect_tensor_agrees_with_assert_close(pair):
    got, expected = pair
    try:
        torch.testing.assert_close(got, expected, equal_nan=True)
        close = True
    except AssertionError:
        close = False
    try:
        expect_tensor(got, expected)
        passed = True
    except CheckFailure:
        passed = False
    assert passed == close, (got, expected)


@pytest.mark.parametrize("got, expected", [
    (torch.tensor([0.0]), torch.tensor([-0.0])),
    (torch.tensor([float("nan"), 1.0]), torch.tensor([float("nan"), 1.0])),
    (torch.tensor([1.0, 2.0]).expand(3, 2), torch.tensor([[1.0, 2.0]] * 3)),
])
def test_equal_values_in_any_layout_pass(got, expected):
    expect_tensor(got, expected)


@pytest.mark.parametrize("got, expected", [
    (torch.tensor([float("nan")]), torch.tensor([1.0])),
    (torch.tensor([1.0, 2.0 + 1e-3]), torch.tensor([1.0, 2.0])),
    (torch.tensor([float("inf")]), torch.tensor([float("-inf")])),
])
def test_different_values_fail(got, expected):
    with pytest.raises(CheckFailure, match="wrong values"):
        expect_tensor(got, expected)


COMPARE_ONCE = """
import sys
import torch
from autograder.checking import CheckFailure, expect_tensor
try:
    expect_tensor(torch.ones(3), torch.ones(3) + 1)
except CheckFailure:
    pass
print("torch.distributed.tensor" in sys.modules)
"""


def test_comparing_tensors_does_not_import_torch_distributed():
    # assert_close would import it (half a second of every grading process's start) to rule out DTensors
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", COMPARE_ONCE], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "False", done.stderr
