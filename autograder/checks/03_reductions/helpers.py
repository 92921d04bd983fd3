"""What only 03's checks use: exact operands, dims to reduce over (imported as ``checks_03_reductions``)."""
from __future__ import annotations

import torch
from hypothesis import strategies as st

from autograder.checking import describe, expect_tensor, fail, make_tensor, on, reused
from autograder.oracles import matmul


def exact_tensor(shape: tuple, dtype: torch.dtype, seed: int, layout: str = "contiguous") -> torch.Tensor:
    """``make_tensor`` with whole-number values in [-5, 5]: products and sums of them are exact in every
    summation order, so results can be compared for equality whatever kernel the student's code used."""
    x = make_tensor(shape, dtype, seed, layout, low=-5, high=5)
    if dtype.is_floating_point:
        with torch.no_grad():
            x.round_()
    return x


@reused
@st.composite
def dim_forms(draw, ndim: int, forms=("none", "positive", "negative", "tuple")):
    """None, a non-negative int, a negative int, or a non-empty tuple of distinct dims written either way."""
    form = draw(st.sampled_from(forms))
    if form == "none":
        return None
    if form == "positive":
        return draw(st.integers(0, ndim - 1))
    if form == "negative":
        return draw(st.integers(-ndim, -1))
    picked = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    return tuple(d - ndim if draw(st.booleans()) else d for d in picked)


def reduced_dims(dim, ndim: int) -> tuple:
    """The non-negative, sorted dims that ``dim`` (None: all of them) names in an ``ndim``-dim tensor."""
    if dim is None:
        return tuple(range(ndim))
    dims = dim if isinstance(dim, tuple) else (dim,)
    return tuple(sorted(d % ndim for d in dims))


def expect_product_keeps_device(student, name: str, device: torch.device, cases: list, ops: str,
                                transpose_b: bool = False) -> None:
    """``name`` (a matrix product of the notebook) on inputs moved to ``device`` gives the product there.

    ``cases``: (a's shape, b's shape, dtype, a's layout, b's layout); CUDA has no integer matrix product (matmul and
    mm refuse int64 there), so integer cases, listed last, run only on the other devices. ``ops``: the torch
    operations to name when the answer went through NumPy. ``transpose_b``: the product is with b's last two dims
    swapped (a @ b.mT).
    """
    for seed, (a_shape, b_shape, dtype, a_layout, b_layout) in enumerate(cases):
        if device.type == "cuda" and not dtype.is_floating_point:
            continue
        a = exact_tensor(a_shape, dtype, 2 * seed, a_layout)
        b = exact_tensor(b_shape, dtype, 2 * seed + 1, b_layout)
        moved_a, moved_b = on(device, a, b)
        what = f"{name}(a: {describe(moved_a)}, b: {describe(moved_b)})"
        call = getattr(student, name).call(moved_a, moved_b)
        if call.raised == "TypeError" and "numpy" in call.error_message.lower():
            fail("{what} raised TypeError: .numpy() works only for CPU tensors; multiply with torch ({ops}), which "
                 "works on every device", what=what, ops=ops)
        expected = matmul(a, b.transpose(-2, -1) if transpose_b else b)
        expect_tensor(call.result(), on(device, expected), what=what)
