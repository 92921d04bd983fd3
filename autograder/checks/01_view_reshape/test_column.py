"""Hidden checks for ``column(x, j)``: basic indexing x[:, j] gives a 1-D view."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, on, requires
from autograder.i18n import _
from checks_01_view_reshape import shares_storage

DTYPES = (torch.float32, torch.float64, torch.int64, torch.int32)


@st.composite
def matrices_and_columns(draw, min_rows: int = 0):
    n, m = draw(st.integers(min_rows, 5)), draw(st.integers(1, 5))
    x = make_tensor((n, m), draw(st.sampled_from(DTYPES)), draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS)))
    return x, draw(st.integers(-m, m - 1))


def expected_column(x: torch.Tensor, j: int) -> torch.Tensor:
    return torch.from_numpy(x.numpy()[:, j].copy())


def column(student, x: torch.Tensor, j: int):
    call = student.column.call(x, j)
    result = call.result()
    expect_tensor(result, expected_column(x, j), what=f"column({describe(x)}, {j})")
    return call, result


@given(case=matrices_and_columns())
def test_values_match_the_numpy_column(student, case):
    x, j = case
    call = column(student, x, j)[0]
    expect(torch.equal(call.args[0], x) and call.args[0].shape == x.shape,
           "column({x}, {j}) modified x; selecting a column must not change the input", x=describe(x), j=j)


@given(case=matrices_and_columns(min_rows=1))
def test_result_is_a_view_of_that_column(student, case):
    x, j = case
    call, result = column(student, x, j)
    base = call.args[0]
    expect(shares_storage(result, base),
           "column({x}, {j}) returned a copy; x[:, j] is a view that shares storage with x (no clone, no list/fancy "
           "indexing)", x=describe(x), j=j)
    sentinel = 1 if x.dtype == torch.bool else 7
    with torch.no_grad():
        result.fill_(sentinel)
    written = base[:, j]
    expect(bool((written == sentinel).all()),
           "writing into column({x}, {j}) did not change column {j} of x; the result must be a view of that column",
           x=describe(x), j=j)
    others = torch.ones(x.shape[1], dtype=torch.bool)
    others[j] = False
    expect(torch.equal(base[:, others], x[:, others]),
           "writing into column({x}, {j}) changed other columns of x; the view must cover column {j} only",
           x=describe(x), j=j)


def test_negative_j_counts_from_the_end(student):
    x = torch.arange(12).view(3, 4)
    for j, picked in ((-1, 3), (-4, 0), (-2, 2)):
        call = student.column.call(x, j)
        result = call.result()
        expect_tensor(result, x[:, picked].clone(),
                      what=_("column(x of shape (3, 4), {j}) (a negative j counts from the last column, like Python "
                             "lists)").format(j=j))


def test_one_row_still_gives_a_1d_result(student):
    for x, j in ((torch.tensor([[1.5, 2.5, 3.5]]), 1), (torch.tensor([[4, 5]]), -1), (torch.tensor([[9.0]]), 0)):
        result = student.column(x, j)
        if isinstance(result, torch.Tensor) and result.dim() == 0:
            fail("column({x}, {j}) returned a 0-dim tensor; the column of a 1-row matrix has shape (1,) (do not "
                 "squeeze())", x=describe(x), j=j)
        expect_tensor(result, x[:, j].clone(), what=f"column({describe(x)}, {j})")


@requires(test_values_match_the_numpy_column)
def test_zero_rows_gives_an_empty_column(student):
    for m, j, dtype in ((3, 0, torch.float32), (4, -1, torch.int64), (1, 0, torch.float64)):
        x = torch.zeros(0, m, dtype=dtype)
        call = student.column.call(x, j)
        if call.raised and call.raised != "NotImplementedError":
            fail("column(x of shape (0, {m}), {j}) raised {error}; a matrix with 0 rows has an empty column of shape "
                 "(0,)", m=m, j=j, error=call.raised)
        expect_tensor(call.result(), torch.zeros(0, dtype=dtype), what=f"column({describe(x)}, {j})")


@requires(test_values_match_the_numpy_column)
@pytest.mark.shape_only
def test_result_stays_on_the_input_device(student, device):
    for x, j in ((make_tensor((4, 3), torch.float32, 7, "transposed"), 1), (make_tensor((2, 5), torch.int64, 8), -1)):
        moved = on(device, x)
        call = student.column.call(moved, j)
        if call.raised in ("NotImplementedError", "RuntimeError") and "cannot copy out of meta" in call.error_message.lower():
            fail("column({x}, {j}) copied the column off the input's device (.cpu(), .numpy() or .tolist()); x[:, j] "
                 "already lives on x's device: return it as it is", x=describe(moved), j=j)
        expect_tensor(call.result(), moved[:, j], what=f"column({describe(moved)}, {j})")
