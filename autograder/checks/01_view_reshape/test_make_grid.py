"""Hidden checks for ``make_grid(rows, cols, dtype)``: arange + view into a (rows, cols) grid."""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail
from autograder.i18n import _

INT_DTYPES = (torch.int64, torch.int32, torch.int16, torch.uint8)
FLOAT_DTYPES = (torch.float32, torch.float64, torch.float16)


def expected_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.from_numpy(np.arange(rows * cols, dtype=np.int64).reshape(rows, cols)).to(dtype)


def grid(student, rows: int, cols: int, dtype: torch.dtype):
    got = student.make_grid(rows, cols, dtype)
    if not isinstance(got, torch.Tensor):
        fail("make_grid({rows}, {cols}, {dtype}) returned a {got}; it must return a torch.Tensor", rows=rows, cols=cols,
             dtype=dtype, got=describe(got))
    return got


@given(rows=st.integers(1, 6), cols=st.integers(1, 6))
def test_shape_is_rows_by_cols(student, rows, cols):
    got = grid(student, rows, cols, torch.int64)
    expect(tuple(got.shape) != (cols, rows) or rows == cols,
           "make_grid({rows}, {cols}, ...) has shape {shape}: rows and cols are swapped, the grid has `rows` rows of "
           "`cols` values", rows=rows, cols=cols, shape=tuple(got.shape))
    expect(tuple(got.shape) == (rows, cols), "make_grid({rows}, {cols}, ...) has shape {shape}; expected ({rows}, {cols})",
           rows=rows, cols=cols, shape=tuple(got.shape))


@given(rows=st.integers(1, 6), cols=st.integers(1, 6), dtype=st.sampled_from(INT_DTYPES + FLOAT_DTYPES))
def test_values_count_up_in_row_major_order(student, rows, cols, dtype):
    got = grid(student, rows, cols, dtype)
    expected = expected_grid(rows, cols, dtype)
    if tuple(got.shape) == (rows, cols) and rows > 1 and cols > 1:
        column_major = torch.from_numpy(np.arange(rows * cols).reshape(cols, rows).T.copy()).to(got.dtype)
        expect(not torch.equal(got, column_major),
               "make_grid({rows}, {cols}, ...) counts down the columns; values must go along each row first "
               "(row-major): row 0 is 0..{last}", rows=rows, cols=cols, last=cols - 1)
    expect_tensor(got, expected, what=f"make_grid({rows}, {cols}, {dtype})")


@given(dtype=st.sampled_from(INT_DTYPES + FLOAT_DTYPES))
def test_dtype_is_exactly_the_requested_one(student, dtype):
    got = grid(student, 3, 4, dtype)
    expect(got.dtype == dtype,
           "make_grid(3, 4, {dtype}) has dtype {got}: create the values with dtype=... (or convert them) so the result "
           "has exactly the requested dtype", dtype=dtype, got=got.dtype)
    expect_tensor(got, expected_grid(3, 4, dtype), what=f"make_grid(3, 4, {dtype})")


def test_zero_rows_or_cols_give_an_empty_grid(student):
    for rows, cols, dtype in ((0, 4, torch.int64), (3, 0, torch.float32), (0, 0, torch.int32), (0, 1, torch.float64)):
        call = student.make_grid.call(rows, cols, dtype)
        if call.raised and call.raised != "NotImplementedError":
            fail("make_grid({rows}, {cols}, {dtype}) raised {error}: a grid with 0 rows or 0 cols is a valid empty "
                 "tensor (view(rows, -1) cannot infer -1 when there are 0 elements; give both sizes)", rows=rows,
                 cols=cols, dtype=dtype, error=call.raised)
        expect_tensor(call.result(), expected_grid(rows, cols, dtype), what=f"make_grid({rows}, {cols}, {dtype})")


def test_single_row_and_single_column(student):
    for rows, cols, dtype in ((1, 5, torch.int64), (5, 1, torch.int64), (1, 1, torch.float32), (1, 7, torch.int16)):
        expect_tensor(grid(student, rows, cols, dtype), expected_grid(rows, cols, dtype),
                      what=_("make_grid({rows}, {cols}, {dtype}) (a size-1 dimension must be kept)").format(
                          rows=rows, cols=cols, dtype=dtype))
