"""Hidden checks for ``PointsDataset``: a map-style Dataset whose items are (float32 row, int64 label) tensors."""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, requires, walk
from autograder.i18n import _
from autograder.student import Remote
from checks_07_data_loading import kind


@st.composite
def point_arrays(draw, min_n: int = 0, max_n: int = 12):
    n, d = draw(st.integers(min_n, max_n)), draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**31 - 1)))
    points = np.floor(rng.uniform(-50, 50, (n, d)) * 8) / 8
    points = points.astype(draw(st.sampled_from(["float64", "float32", "int64", "int32"])))
    labels = rng.integers(0, 6, n).astype(draw(st.sampled_from(["int64", "int32"])))
    return points, labels


def expected_item(points: np.ndarray, labels: np.ndarray, i: int) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.from_numpy(points[i].astype(np.float64)).float(), torch.tensor(int(labels[i]), dtype=torch.int64)


def check_item(item, points: np.ndarray, labels: np.ndarray, i: int) -> None:
    where = f"ds.__getitem__({i})"
    if not isinstance(item, (tuple, list)) or len(item) != 2:
        fail("{where} is a {kind}; __getitem__ must return one sample as a pair (x, y)", where=where, kind=kind(item))
    x, y = item
    want_x, want_y = expected_item(points, labels, i)
    if isinstance(x, torch.Tensor) and x.dtype != torch.float32:
        fail("{where} x has dtype {got} for a {dtype} array; convert the row to float32 (torch.from_numpy keeps "
             "NumPy's dtype)", where=where, got=x.dtype, dtype=points.dtype)
    expect_tensor(x, want_x, what=_("{where} x (row {i} of a {dtype} array of shape {shape})").format(
        where=where, i=i, dtype=points.dtype, shape=points.shape))
    if isinstance(y, torch.Tensor) and tuple(y.shape) != ():
        fail("{where} y has shape {shape}; the label must be a 0-dim tensor so that batches of labels have shape (B,)",
             where=where, shape=tuple(y.shape))
    expect_tensor(y, want_y, what=_("{where} y (the label)").format(where=where))


def make(student, points: np.ndarray, labels: np.ndarray) -> Remote:
    ds = student.PointsDataset(points, labels)
    expect(isinstance(ds, Remote), "PointsDataset(...) gave a {kind}, not a dataset object", kind=kind(ds))
    return ds


@given(case=point_arrays())
def test_len_is_the_number_of_samples(student, case):
    points, labels = case
    ds = make(student, points, labels)
    n = ds.attr("__len__")()
    expect(n == len(points), "len(ds) is {got} for points of shape {shape}; __len__ must return the number of samples "
                             "n = {n} (rows), not the number of values or the dimension",
           got=n, shape=points.shape, n=len(points))


@given(case=point_arrays(min_n=1))
def test_items_are_float32_rows_with_int64_labels(student, case):
    points, labels = case
    ds = make(student, points, labels)
    items = walk(student, student.builtin("map")(student.builtin("getattr")(ds, "__getitem__"), list(range(len(points)))),
                 _("every sample of the dataset"))
    for i, item in enumerate(items):
        check_item(item, points, labels, i)


@given(case=point_arrays())
def test_index_past_the_end_raises_index_error(student, case):
    points, labels = case
    ds = make(student, points, labels)
    call = ds.attr("__getitem__").call(len(points))
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised is None:
        fail("ds.__getitem__({n}) for a dataset of {n} samples returned a value; an index past the end must raise "
             "IndexError like a list does", n=len(points))
    expect(call.raised == "IndexError",
           "ds.__getitem__({n}) for a dataset of {n} samples raised {error}; an index past the end must raise "
           "IndexError like a list does", n=len(points), error=call.raised)


def test_default_collate_stacks_samples_into_batches(student):
    rng = np.random.default_rng(3)
    points, labels = rng.uniform(-1, 1, (7, 3)), rng.integers(0, 4, 7)
    ds = make(student, points, labels)
    batches = walk(student, student.DataLoader(ds, batch_size=3), "DataLoader(ds, batch_size=3)")
    expect(len(batches) == 3, "a DataLoader with batch_size=3 over 7 samples gave {got} batches; expected 3",
           got=len(batches))
    for k, batch in enumerate(batches):
        rows = range(3 * k, min(3 * k + 3, 7))
        want_x = torch.stack([expected_item(points, labels, i)[0] for i in rows])
        want_y = torch.stack([expected_item(points, labels, i)[1] for i in rows])
        if not isinstance(batch, (list, tuple)) or len(batch) != 2:
            fail("a batch from DataLoader(ds, batch_size=3) is a {kind}; samples must be (x, y) pairs", kind=kind(batch))
        expect_tensor(batch[0], want_x, what=_("batch {k} of DataLoader(ds, batch_size=3), X").format(k=k))
        expect_tensor(batch[1], want_y, what=_("batch {k} of DataLoader(ds, batch_size=3), Y").format(k=k))


@requires(test_items_are_float32_rows_with_int64_labels)
@given(case=point_arrays(min_n=1))
def test_arrays_given_to_the_constructor_are_unchanged(student, case):
    points, labels = case
    call = student.PointsDataset.call(points, labels)
    call.result()
    seen_points, seen_labels = call.args
    expect(isinstance(seen_points, np.ndarray) and seen_points.dtype == points.dtype and np.array_equal(seen_points, points),
           "PointsDataset changed the points array it was given ({dtype}, shape {shape}); convert a copy",
           dtype=points.dtype, shape=points.shape)
    expect(isinstance(seen_labels, np.ndarray) and np.array_equal(seen_labels, labels),
           "PointsDataset changed the labels array it was given")
