"""What hidden checks use: failure messages for students, tensor oracles, hypothesis strategies.

A check fails with ``fail("one line naming the misconception")`` (or
``expect(condition, message)``); only that line reaches the student, never
the check's source.
"""
from __future__ import annotations

import functools
import math
from typing import Any, Callable, NoReturn

import pytest
import torch
from hypothesis import strategies as st

from .i18n import _


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


def param_versions(student: Any, model: Any) -> list:
    """Each parameter's in-place version counter (optimizer.step() updates parameters in place)."""
    getattr_ = student.builtin("getattr")
    listed = student.builtin("list")
    return listed(student.builtin("map")(getattr_, model.attr("parameters")(), ["_version"] * 64))


def expect_step_on_meta(call, before: list, after: list, what: str) -> None:
    """With the model and the batch on 'meta' a training step runs until a value is read (loss.item()).

    Copying a meta tensor out (.cpu(), .to('cpu')) is harmless only after optimizer.step() (reading the loss);
    before it, the batch or the model was moved off the device the caller chose.
    """
    message = call.error_message.lower()
    if call.raised == "NotImplementedError" and "cannot copy out of meta tensor" in message and "device" not in message:
        expect(len(after) == len(before) and any(a > b for a, b in zip(after, before)),
               "{what} moved a tensor off the 'meta' device before the parameters were updated: do not move the batch "
               "or the model to a fixed device (.cpu(), .to('cpu'), a global device); keep them on the device the "
               "caller put them on. {error}: {message}", what=what, error=call.raised, message=call.error_message[:60])
        return
    expect_device_safe(call, what)


def expect_dropout_pattern(out: torch.Tensor, p: float, b2: float, what: str, *, probe: str, switch_on: str) -> None:
    """A dropout network's output on a probe whose kept hidden units give ``b2 + 1/(1-p)`` and dropped ones ``b2``.

    The probe network has first-layer weights 0 and bias 1 (every hidden unit is 1 after ReLU), an identity second
    layer with bias ``b2``; ``probe`` names it in the student's terms, ``switch_on`` says how dropout is applied there.
    """
    kept_value = b2 + 1 / (1 - p)
    dropped = (out - b2).abs() < 1e-4
    kept = (out - kept_value).abs() < 1e-4 * kept_value
    if not bool((dropped | kept).all()):
        values = sorted({round(v, 4) for v in out.flatten()[:2000].tolist()})[:4]
        shown = ", ".join(f"{v:g}" for v in values)
        if len(values) == 2 and abs(values[0] - b2) < 1e-4 and values[1] - b2 > 1 + 1e-4:
            used = 1 - 1 / (values[1] - b2)  # the drop probability that this scaling belongs to
            if abs(used - (1 - p)) < 1e-3:
                fail("{what}: kept units are scaled by 1/p = {scale:g}, as if 1 - p were passed; the dropout "
                     "probability p is the probability to DROP a unit", what=what, scale=1 / p)
            fail("{what}: kept units are scaled by {scale:g}, as if the dropout probability were {used:g}, "
                 "not p = {p}: pass p on to the dropout", what=what, scale=values[1] - b2, used=used, p=p)
        if all(abs(v - (b2 + 1)) < 1e-4 for v in values):
            fail("{what}: no hidden unit was dropped in train mode (every output is {value:g}); {switch_on}",
                 what=what, value=b2 + 1, switch_on=switch_on)
        if any(abs(v) < 1e-6 for v in values) and any(abs(v - (1 + b2) / (1 - p)) < 1e-3 for v in values):
            fail("{what}: dropout acts on the output (values {shown}); it belongs to the hidden layer, after ReLU",
                 what=what, shown=shown)
        if any(abs(v - (b2 + 1)) < 1e-4 for v in values) and any(abs(v - b2) < 1e-4 for v in values):
            fail("{what}: kept hidden units are not scaled (values {shown}); dropout multiplies them by 1/(1-p)",
                 what=what, shown=shown)
        fail("{what}: outputs take the values {shown}; with {probe} and second-layer bias {b2:g}, every output "
             "should be {b2:g} (dropped) or {kept:g} (kept and scaled by 1/(1-p))",
             what=what, shown=shown, probe=probe, b2=b2, kept=kept_value)
    rate = float(dropped.double().mean())
    if abs(rate - (1 - p)) < 0.03 and abs(p - 0.5) > 0.1:
        fail("{what}: {rate:.2f} of the hidden units are dropped; p is the probability to DROP a unit, not to keep it",
             what=what, rate=rate)
    expect(abs(rate - p) < 0.03, "{what}: {rate:.3f} of the hidden units are dropped, expected about p = {p}",
           what=what, rate=rate, p=p)


# -- reading what a student's dataset or loader yields ---------------------------

def kind(value: Any) -> str:
    """describe() for tensors and arrays, the type's name for anything else (no list reprs in messages)."""
    return describe(value) if hasattr(value, "shape") and hasattr(value, "dtype") else type(value).__name__


def listed(values: Any) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")"


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


def shares_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """True when two tensors are backed by the same memory (a view relation)."""
    return isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and storage_ptr(a) == storage_ptr(b)


def writes_through(view: torch.Tensor, base: torch.Tensor) -> bool:
    """Write into every element of ``view`` and see whether ``base`` changed: the behavioural test of a view.

    Both tensors are changed; call it on tensors you no longer need.
    """
    if view.numel() == 0:
        return shares_storage(view, base)
    before = base.clone()
    with torch.no_grad():
        view.fill_(1 if view.dtype == torch.bool else 7)
    return not torch.equal(before, base)


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


SEEDS = st.integers(0, 2**31 - 1)


@reused
def tensors(dtypes=(torch.float32, torch.float64, torch.int64), shape=None, layouts=LAYOUTS, **shape_kw) -> st.SearchStrategy:
    """Tensors of drawn shape, dtype and memory layout (often non-contiguous)."""
    return st.builds(make_tensor, shape if shape is not None else shapes(**shape_kw), st.sampled_from(dtypes),
                     SEEDS, st.sampled_from(layouts))


def prime_factors(n: int) -> list[int]:
    factors, p = [], 2
    while n > 1:
        while n % p == 0:
            factors.append(p)
            n //= p
        p += 1
    return factors


@reused
@st.composite
def regroupings(draw, shape: tuple, allow_minus_one: bool = True) -> tuple:
    """Any shape with as many elements as ``shape`` (a reshape target), sometimes with one -1."""
    numel = math.prod(shape)
    if numel == 0:
        dims = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
        dims[draw(st.integers(0, len(dims) - 1))] = 0
        return tuple(dims)
    factors = draw(st.permutations(prime_factors(numel)))
    groups = draw(st.integers(1, 4))
    dims = [1] * groups
    for f in factors:
        dims[draw(st.integers(0, groups - 1))] *= f
    if allow_minus_one and draw(st.booleans()):
        dims[draw(st.integers(0, groups - 1))] = -1
    return tuple(dims)


def row_major_reshape(x: torch.Tensor, shape: tuple) -> torch.Tensor:
    """The oracle of view and reshape: the logical values in row-major (C) order, whatever x's memory layout."""
    import numpy as np

    return torch.from_numpy(np.ascontiguousarray(x.numpy().reshape(shape)))


def can_view(x: torch.Tensor, shape: tuple) -> bool:
    """PyTorch's own verdict: whether ``x.view(shape)`` works for x's strides."""
    try:
        x.view(shape)
    except RuntimeError:
        return False
    return True
