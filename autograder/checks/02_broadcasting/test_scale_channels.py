"""Hidden checks for ``scale_channels(x, w)``: out[n, c, h, w] = x[n, c, h, w] * w[c], w aligned with dim 1."""
import torch
from hypothesis import given, strategies as st

from autograder.checking import LAYOUTS, describe, expect, expect_tensor, fail, make_tensor, requires

DTYPES = (torch.float32, torch.float64, torch.int64)


def images(shape: tuple, dtype: torch.dtype, seed: int, layout: str) -> torch.Tensor:
    if layout == "channels_last":
        return make_tensor(shape, dtype, seed).contiguous(memory_format=torch.channels_last)
    return make_tensor(shape, dtype, seed, layout)


@st.composite
def batches(draw, min_side: int = 0):
    shape = tuple(draw(st.integers(min_side, 4)) for _ in range(4))
    dtype = draw(st.sampled_from(DTYPES))
    x = images(shape, dtype, draw(st.integers(0, 2**31 - 1)), draw(st.sampled_from(LAYOUTS + ("channels_last",))))
    w = make_tensor((shape[1],), dtype, draw(st.integers(0, 2**31 - 1)), "contiguous", low=-5, high=5)
    if draw(st.booleans()) and shape[1] > 0:  # sometimes a non-contiguous w
        w = torch.stack([w, torch.zeros_like(w)], dim=1)[:, 0]
    return x, w


def oracle(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return torch.from_numpy((x.numpy() * w.numpy()[None, :, None, None]).copy())


def scaled(student, x: torch.Tensor, w: torch.Tensor):
    call = student.scale_channels.call(x, w)
    what = f"scale_channels(x: {describe(x)}, w: {describe(w)})"
    N, C, H, W = x.shape
    if call.raised == "RuntimeError" and C == 0:
        fail("{what} raised RuntimeError: 0 channels is a valid (empty) case; broadcast w as a (C, 1, 1) tensor instead "
             "of looping or stacking over the channels", what=what)
    if call.raised == "RuntimeError" and W != C:
        fail("{what} raised RuntimeError: w of shape (C,) was aligned with the last dim W; reshape it to (C, 1, 1) so "
             "that it lines up with dim 1", what=what)
    result = call.result()
    expected = oracle(x, w)
    if isinstance(result, torch.Tensor) and result.shape == expected.shape and not torch.equal(result, expected):
        along_w = x * w if W == C else None
        along_h = x * w[:, None] if H == C else None
        if along_w is not None and torch.equal(result, along_w):
            fail("{what} multiplied along the last dim: since W == C, x * w broadcast without error but scaled columns, "
                 "not channels; w must be seen as (C, 1, 1)", what=what)
        if along_h is not None and torch.equal(result, along_h):
            fail("{what} multiplied along H: w of shape (C, 1) lines up with dim 2; it must be (C, 1, 1) to line up "
                 "with dim 1", what=what)
    expect_tensor(result, expected, what=what)
    return call, result


@given(case=batches())
def test_matches_numpy_oracle(student, case):
    scaled(student, *case)


def test_channels_are_not_confused_with_height_or_width(student):
    cases = ((2, 3, 2, 3), (1, 3, 3, 2), (2, 4, 4, 4), (1, 2, 5, 2), (3, 2, 2, 1))
    for i, shape in enumerate(cases):
        for dtype in (torch.float32, torch.int64):
            x = make_tensor(shape, dtype, i)
            w = torch.arange(1, shape[1] + 1, dtype=dtype) * 10
            scaled(student, x, w)


@requires(test_matches_numpy_oracle)
@given(case=batches())
def test_inputs_are_left_unchanged(student, case):
    x, w = case
    call, result = scaled(student, x, w)
    seen_x, seen_w = call.args
    expect(tuple(seen_x.shape) == tuple(x.shape) and torch.equal(seen_x, x),
           "scale_channels changed x ({x}); return a new tensor, do not use in-place ops such as mul_ or *= on x",
           x=describe(x))
    expect(tuple(seen_w.shape) == tuple(w.shape) and torch.equal(seen_w, w),
           "scale_channels changed w from shape {before} to {after} or its values; use w[:, None, None] or w.view(...), "
           "not in-place unsqueeze_ / resize_", before=tuple(w.shape), after=tuple(seen_w.shape))


def test_size_one_dims_are_kept(student):
    for shape in ((1, 1, 1, 1), (1, 3, 1, 1), (2, 1, 3, 4), (1, 2, 1, 5), (3, 1, 1, 1)):
        x = make_tensor(shape, torch.float64, sum(shape))
        w = torch.linspace(-2, 2, shape[1], dtype=torch.float64)
        scaled(student, x, w)


@requires(test_matches_numpy_oracle)
def test_empty_batches(student):
    for shape in ((0, 3, 2, 2), (2, 0, 3, 3), (1, 2, 0, 4), (2, 3, 4, 0), (0, 0, 0, 0)):
        for dtype in (torch.float32, torch.int64):
            x, w = torch.ones(shape, dtype=dtype), torch.arange(shape[1], dtype=dtype)
            scaled(student, x, w)
