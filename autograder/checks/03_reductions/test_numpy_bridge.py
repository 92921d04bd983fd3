"""Hidden checks for ``numpy_bridge(a)``: (torch.from_numpy-like shared tensor, an independent float32 copy).

The array comes back from the call in the same frame as the two tensors, so memory sharing is
observed by writing into one side and reading the other.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail
from autograder.i18n import _

NP_DTYPES = (np.float64, np.float32, np.int64, np.int32, np.uint8, np.bool_)


def array(shape: tuple, dtype, seed: int, layout: str = "contiguous") -> np.ndarray:
    """A reproducible array of ``shape``; transposed and strided layouts are not C-contiguous."""
    rng = np.random.default_rng(seed)
    stored = list(shape)
    if layout == "transposed" and len(shape) >= 2:
        stored = stored[::-1]
    elif layout == "strided" and stored:
        stored[-1] *= 2
    values = rng.integers(0, 10, size=stored) if np.dtype(dtype).kind in "iub" else rng.uniform(-9, 9, size=stored)
    values = np.asarray((values % 2 == 1) if dtype is np.bool_ else values.astype(dtype))  # 0-dim stays an array
    if layout == "transposed" and len(shape) >= 2:
        return values.transpose(*reversed(range(len(shape))))
    if layout == "strided" and stored:
        return values[..., ::2]
    return values


@st.composite
def arrays(draw, min_side: int = 0, layouts=("contiguous", "transposed", "strided")):
    shape = tuple(draw(st.lists(st.integers(min_side, 4), max_size=3)))
    return array(shape, draw(st.sampled_from(NP_DTYPES)), draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(layouts)))


def torch_dtype(a: np.ndarray) -> torch.dtype:
    return torch.from_numpy(np.zeros(1, dtype=a.dtype)).dtype


def as_tensor(values: np.ndarray) -> torch.Tensor:
    """A tensor holding a C-ordered copy of ``values`` (0-dim arrays stay 0-dim)."""
    return torch.from_numpy(np.array(values, order="C"))


def changed(values: np.ndarray) -> np.ndarray:
    return ~values if values.dtype == np.bool_ else (values + 1).astype(values.dtype)


def bridge(student, a: np.ndarray):
    call = student.numpy_bridge.call(a)
    result = call.result()
    what = f"numpy_bridge({describe(a)})"
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("{what} returned {got}; it must return a pair (shared, copied)", what=what, got=describe(result))
    expected = as_tensor(a)
    shared, copied = result
    if isinstance(shared, torch.Tensor) and shared.shape == expected.shape and shared.dtype != expected.dtype:
        fail("{what}: {name} has dtype {got}; the array's dtype must be kept ({expected}): torch.Tensor(a) and "
             ".float() convert it, torch.from_numpy / torch.tensor keep it", what=what, name="shared", got=shared.dtype,
             expected=expected.dtype)
    expect_tensor(shared, expected, what=_("{name} of {what}").format(name="shared", what=what))
    if isinstance(copied, torch.Tensor) and copied.shape == expected.shape and copied.dtype != torch.float32:
        fail("{what}: copied has dtype {got}; it must be float32 whatever the array's dtype "
             "(torch.tensor(a, dtype=torch.float32))", what=what, got=copied.dtype)
    expect_tensor(copied, expected.to(torch.float32), what=_("{name} of {what}").format(name="copied", what=what))
    return call, shared, copied, call.args[0], what


@given(a=arrays())
def test_both_tensors_match_the_array(student, a):
    _, _, _, seen, what = bridge(student, a)
    expect(isinstance(seen, np.ndarray) and seen.shape == a.shape and np.array_equal(seen, a),
           "{what} changed the array a: converting must not modify it", what=what)


@given(a=arrays(min_side=1))
def test_shared_tensor_and_array_use_the_same_memory(student, a):
    _, shared, copied, seen, what = bridge(student, a)
    new = changed(a)
    seen[...] = new
    if not torch.equal(shared, as_tensor(new)):
        if torch.equal(copied, as_tensor(new).to(copied.dtype)):
            fail("{what}: shared and copied are swapped; shared (the first) must be the one sharing memory with a",
                 what=what)
        fail("{what}: writing into a did not change shared; shared must use a's memory (torch.from_numpy or "
             "torch.as_tensor, not torch.tensor, and no copy such as np.ascontiguousarray)", what=what)
    with torch.no_grad():
        shared.copy_(as_tensor(a))
    expect(np.array_equal(seen, a), "{what}: writing into shared did not change a; the two must be one piece of memory",
           what=what)


@given(a=arrays(min_side=1))
def test_copied_tensor_is_independent(student, a):
    _, _, copied, seen, what = bridge(student, a)
    seen[...] = changed(a)
    expect(torch.equal(copied, as_tensor(a).to(torch.float32)),
           "{what}: writing into a changed copied; copied must be an independent copy (torch.tensor(a, "
           "dtype=torch.float32)); torch.from_numpy and torch.as_tensor share memory, and so does .float() when a is "
           "already float32", what=what)
    with torch.no_grad():
        copied.zero_()
    expect(np.array_equal(seen, changed(a)), "{what}: writing into copied changed a; copied must not share a's memory",
           what=what)


def test_a_float32_array_still_gets_a_copy(student):
    for shape, layout in (((2, 3), "contiguous"), ((3, 4), "transposed"), ((5,), "strided")):
        a = array(shape, np.float32, 3, layout)
        _, _, copied, seen, what = bridge(student, a)
        seen[...] = changed(a)
        expect(torch.equal(copied, as_tensor(a)),
               "{what}: copied shares memory with a float32 array: .float() and .to(torch.float32) return the tensor "
               "itself when it is already float32; make a copy (torch.tensor(a, dtype=torch.float32), or clone())",
               what=what)


def test_shared_keeps_the_dtype_and_copied_is_float32(student):
    for dtype in (np.float64, np.int32, np.uint8, np.bool_, np.float32, np.int64):
        bridge(student, array((2, 3), dtype, 1))
    bridge(student, np.array([0.1, 0.2, 0.3]))  # float64 values that float32 cannot hold exactly


def test_non_contiguous_and_empty_arrays(student):
    for shape, layout in (((3, 4), "transposed"), ((2, 3), "strided"), ((2, 3, 2), "transposed"), ((0, 3), "contiguous"),
                          ((4, 0), "transposed"), ((), "contiguous"), ((5,), "strided")):
        a = array(shape, np.float64, 2, layout)
        _, shared, _, seen, what = bridge(student, a)
        if a.size:
            seen[...] = changed(a)
            expect(torch.equal(shared, as_tensor(changed(a))),
                   "{what}: writing into a did not change shared; from_numpy shares memory even with a non-contiguous "
                   "array (do not make it contiguous first)", what=what)
