"""What hidden checks use: failure messages for students, tensor oracles, hypothesis strategies.

A check fails with ``fail("one line naming the misconception")`` (or
``expect(condition, message)``); only that line reaches the student, never
the check's source.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, NoReturn

import pytest
import torch
from hypothesis import strategies as st

from .i18n import _

# assert_close imports torch.distributed.tensor (half a second: sympy, the DTensor ops) on its first comparison, only
# to tell whether either side is a DTensor.  Checks compare tensors the judge made or read off the wire, which
# builds plain tensors only: never one.
from torch.testing import _comparison  # noqa: E402

if hasattr(_comparison, "_HAS_DTENSOR"):
    _comparison._HAS_DTENSOR = False


class CheckFailure(AssertionError):
    """A check's verdict; its message is what the student reads."""


def fail(message: str, /, **values: Any) -> NoReturn:
    """Fail the check with ``message``: English, ``{name}`` placeholders filled from ``values``.

    The message is a literal (babel extracts it for the catalogue in autograder/locale) and is read in the
    student's language; never pass an f-string, whose text no catalogue can hold.
    """
    raise CheckFailure(_(message).format(**values) if values else _(message))


def expect(condition: Any, message: str, /, **values: Any) -> None:
    """``fail(message, **values)`` unless ``condition`` holds."""
    if not condition:
        fail(message, **values)


def requires(*checks: Callable | str):
    """Mark a check of a side property (inputs left unchanged, the device, a restored mode, nothing recorded
    by autograd) as earning its share only once ``checks`` (of the same file) have passed.

    A function that does nothing leaves its inputs unchanged and is safe on every device; the side
    property is worth points only for an answer that does the part's basic job. Until then the check
    is not run and reads "not checked until <check> passes" (check50's dependent checks).
    """
    names = tuple(c if isinstance(c, str) else c.__name__ for c in checks)
    return pytest.mark.requires(*names)


def describe(value: Any) -> str:
    """A short description of a value for messages: kind, dtype, shape, layout."""
    if isinstance(value, torch.Tensor):
        layout = "" if value.is_contiguous() or value.numel() <= 1 else ", non-contiguous"
        where = "" if value.device.type == "cpu" else f" on {value.device.type}"
        return f"{str(value.dtype).replace('torch.', '')} tensor of shape {tuple(value.shape)}{layout}{where}"
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"{type(value).__name__} of dtype {value.dtype} and shape {tuple(value.shape)}"
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def _fail_compared(message: str, returned: Any, wanted: torch.Tensor, /, **values: Any) -> NoReturn:
    failure = CheckFailure(_(message).format(**values))
    failure.got, failure.expected = returned, wanted  # the student's reproducer shows both (reproducer.py)
    raise failure


def expect_tensor(got: Any, expected: torch.Tensor, *, what: str = "the result", rtol: float | None = None,
                  atol: float | None = None) -> None:
    """``got`` must be a tensor equal to ``expected`` in type, shape, dtype and values."""
    if not isinstance(got, torch.Tensor):
        _fail_compared("{what} should be a tensor ({expected}) but is a {got}", got, expected,
                       what=what, expected=describe(expected), got=describe(got))
    if tuple(got.shape) != tuple(expected.shape):
        _fail_compared("{what} has shape {got}; expected {expected}", got, expected,
                       what=what, got=tuple(got.shape), expected=tuple(expected.shape))
    if got.dtype != expected.dtype:
        _fail_compared("{what} has dtype {got}; expected {expected}", got, expected,
                       what=what, got=got.dtype, expected=expected.dtype)
    if got.device.type != expected.device.type:
        _fail_compared("{what} is on device {got}; expected {expected}, the device of the input: create new tensors "
                       "with device=x.device (or *_like) and never move results yourself", got, expected,
                       what=what, got=got.device.type, expected=expected.device.type)
    if got.device.type == "meta":
        return  # shape, dtype and device are all a meta tensor has
    if got.layout == expected.layout == torch.strided and not got.is_quantized and got.device == expected.device \
            and torch.equal(got, expected):
        return  # equal values pass at every tolerance; assert_close's own walk costs ~0.3 ms, a few hundred a grading
    rtol, atol = gpu_tolerance(got, rtol, atol)
    try:
        torch.testing.assert_close(got.cpu(), expected.cpu(), rtol=rtol, atol=atol, equal_nan=True)
    except AssertionError:
        mismatch = (got.cpu() != expected.cpu()).nonzero()
        _fail_compared("{what} has the right shape and dtype but wrong values{where}", got, expected, what=what,
                       where=_(" (first difference at index {index})").format(index=tuple(mismatch[0].tolist()))
                       if len(mismatch) and got.dim() else "")


def gpu_tolerance(got: torch.Tensor, rtol: float | None, atol: float | None) -> tuple[float | None, float | None]:
    """Float32 results computed on a GPU may come from TF32 or reduced-precision matmul kernels
    (a student can switch them on): allow their error, about 1e-3 relative, instead of float32's."""
    if got.device.type == "cuda" and got.dtype in (torch.float32, torch.complex64) and rtol is None and atol is None:
        return 2e-3, 1e-4
    return rtol, atol


def on(device: torch.device | str, *tensors: torch.Tensor):
    """The tensors moved to ``device`` (one tensor: itself, not a tuple), keeping their strides
    (``Tensor.to`` would make a non-contiguous input contiguous on another device)."""
    moved = []
    for t in tensors:
        if t.device == torch.device(device):
            moved.append(t)
            continue
        out = torch.empty_strided(t.shape, t.stride(), dtype=t.dtype, device=device)
        if out.device.type != "meta":
            out.copy_(t)
        moved.append(out.requires_grad_(t.requires_grad) if t.is_floating_point() else out)
    return moved[0] if len(moved) == 1 else tuple(moved)


# What correct code raises on 'meta' tensors once it needs actual values (.item(), printing, nonzero...):
# reaching such a point means every device-sensitive step before it was right.
NO_DATA_ON_META = ("cannot copy out of meta tensor", "cannot be called on meta tensors", "meta tensors have no data",
                   "raises unimplemented by default", "data-dependent", "on meta tensors", "with meta tensors")


def expect_device_safe(call: Any, what: str) -> None:
    """A call made with inputs on the 'meta' device must not fail for a device mismatch.

    It may succeed, or stop where only data is missing (``loss.item()``); failing because a tensor
    was made on, or moved to, another device (``torch.zeros(n)``, ``.cpu()``, a model moved
    without its inputs) is the bug this catches on machines without a GPU.
    """
    if call.raised is None:
        return
    if call.raised == "NameError" or (call.raised == "NotImplementedError" and not call.error_message):
        call.result()  # not written yet: the usual message says so
    message = call.error_message
    if call.raised in ("RuntimeError", "NotImplementedError") and any(m in message.lower() for m in NO_DATA_ON_META):
        if "device" not in message.lower() and ".cpu()" not in message and ".numpy()" not in message:
            return
    fail("{what} failed with inputs on the 'meta' device: keep every tensor on the device of the model/inputs you were "
         "given ('meta' tensors have shapes but no data; they stand in for a GPU). {error}: {message}",
         what=what, error=call.raised, message=message[:100])


# -- reading what a student's dataset or loader yields ---------------------------

def walk(student: Any, iterable: Any, what: str) -> list:
    """list(iterable) run in the worker in one call; an exception names what was being read."""
    call = student.builtin("list").call(iterable)
    if call.raised == "NotImplementedError":
        call.result()
    if call.raised:
        fail("reading {what} raised {error}: {message}", what=what, error=call.raised, message=call.error_message[:120])
    return call.result()


def storage_ptr(t: torch.Tensor) -> int:
    return t.untyped_storage().data_ptr()


# -- hypothesis strategies ---------------------------------------------------

def reused(build: Callable[..., st.SearchStrategy]) -> Callable[..., st.SearchStrategy]:
    """The same strategy object for the same (hashable) arguments.

    Checks draw from strategies built inside other strategies, once per example; a fresh strategy object
    makes hypothesis work out its properties again (a third of a check's time, measured on 01).
    """
    cached = functools.cache(build)

    @functools.wraps(build)
    def strategy(*args, **kwargs) -> st.SearchStrategy:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # an unhashable argument (a list of dtypes...): build it afresh
            return build(*args, **kwargs)

    return strategy


@reused
def shapes(min_dims: int = 1, max_dims: int = 4, min_side: int = 0, max_side: int = 5) -> st.SearchStrategy:
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims).map(tuple)


LAYOUTS = ("contiguous", "transposed", "strided")


def make_tensor(shape: tuple, dtype: torch.dtype, seed: int, layout: str = "contiguous",
                low: float = -9, high: float = 9) -> torch.Tensor:
    """A reproducible tensor of ``shape`` whose memory layout is ``layout``.

    ``transposed`` stores the dims in reverse order and permutes back; ``strided``
    keeps every other element of a twice-as-long last dim.  Both give the same
    logical shape as ``contiguous`` with non-contiguous strides when a dim > 1.
    """
    generator = torch.Generator().manual_seed(seed)
    stored = list(shape)
    if layout == "transposed" and len(shape) < 2:
        layout = "contiguous"  # nothing to transpose
    if layout == "transposed":
        stored = stored[::-1]
    elif layout == "strided" and stored:
        stored[-1] *= 2
    values = torch.rand(stored, generator=generator, dtype=torch.float64) * (high - low) + low
    if dtype == torch.bool:
        values = values > (low + high) / 2
    elif not dtype.is_floating_point:
        values = values.floor()
    values = values.to(dtype)
    if layout == "transposed":
        values = values.permute(*reversed(range(len(shape))))
    elif layout == "strided" and stored:
        values = values[..., ::2]
    return values


SEEDS = st.integers(0, 2**31 - 1)


@reused
def tensors(dtypes=(torch.float32, torch.float64, torch.int64), shape=None, layouts=LAYOUTS, **shape_kw) -> st.SearchStrategy:
    """Tensors of drawn shape, dtype and memory layout (often non-contiguous)."""
    return st.builds(make_tensor, shape if shape is not None else shapes(**shape_kw), st.sampled_from(dtypes),
                     SEEDS, st.sampled_from(layouts))
