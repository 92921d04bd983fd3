"""A few lines of Python a student can run to see a failing check's case for themselves.

Built in the judge from the last call the check made into the worker (``Session.last_call``):
the callee and the arguments as the judge sent them.  Small tensors are written as
``torch.tensor([...])`` literals, larger ones as a shape/dtype description and a seeded
construction of the same shape, dtype and memory layout; where the check compared a tensor
(``expect_tensor``), the expected and returned shape, dtype, device and small values are added
as comments.  Only values and names appear here, never a line of the check.
"""
from __future__ import annotations

import keyword
import math
from typing import Any

import numpy as np
import torch

from .i18n import _
from .student import Remote, SentCall

MAX_ELEMENTS = 64  # a tensor up to this size is written out in full
MAX_LINES = 30
WIDTH = 100  # a longer literal is broken into one line per row
MAX_CHARS = 2400
NAMES = ("x", "y", "z", "u", "v", "w")


def build(call: SentCall | None, failure: BaseException | None = None, seed: int = 0) -> str:
    """The reproducer for a failed check, or "" when there is no call to show."""
    if call is None:
        return ""
    for limit in (MAX_ELEMENTS, 8, 0):  # shorter and shorter until it fits
        try:
            text = _Writer(limit).write(call, failure, seed)
        except _Unwritable as unwritable:  # say in words what the check did instead of code that cannot run
            return "# " + _("the check called {callee} on a {kind} object that your code built in earlier steps of the "
                            "check; the message above says what went wrong").format(
                                callee=_callee_label(call.label), kind=unwritable.kind)
        if len(text) <= MAX_CHARS and text.count("\n") < MAX_LINES:
            return text
    lines = text.splitlines()[: MAX_LINES - 1]
    return "\n".join(lines)[:MAX_CHARS] + "\n# ..."


def describe(t: torch.Tensor) -> str:
    return f"{str(t.dtype).replace('torch.', '')} tensor of shape {tuple(t.shape)} on {t.device}"


class _Unwritable(Exception):
    """An object the reproducer cannot make again (not a name of the notebook, not the result of a call)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _callee_label(label: str) -> str:
    """Builtins the check called in the worker (``list``, ``next``) are plain names in the student's notebook."""
    return label[len("__builtins__."):] if label.startswith("__builtins__.") else label


class _Writer:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.used: set[str] = set()
        self.numpy = False
        self.seeded = False
        self.objects = 0

    # -- the whole snippet ---------------------------------------------------
    def write(self, call: SentCall, failure: BaseException | None, seed: int) -> str:
        self.used = {k for k in call.kwargs if k.isidentifier() and not keyword.iskeyword(k)}
        callee = self.callee(call)
        positional = [self.top(value, None) for value in call.args]
        named = [f"{key}={self.top(value, key)}" for key, value in call.kwargs.items()]
        head = ["import torch"] + (["import numpy as np"] if self.numpy else [])
        body = [f"torch.manual_seed({seed})  # " + _("the grader calls your code with this seed"),
                f"result = {callee}({', '.join(positional + named)})"]
        body += self.verdict(failure)
        body.append("print(result)")
        return "\n".join(_wrap(line) for line in head + self.lines + body)

    def callee(self, call: SentCall) -> str:
        """What the call calls: a name of the notebook, a builtin, or a method of an object made on a line above."""
        if call.object_type is None or call.owner is None:
            return _callee_label(call.label)
        return self.object(call.owner) + call.label[len(call.object_type):]

    def object(self, value: Remote) -> str:
        """A name for an object living in the worker: the notebook's own name, or a line that makes it again."""
        if isinstance(value._target, str):  # a name of the notebook (or a builtin), or an attribute of one
            return _callee_label(value._label)
        origin = value._origin
        if origin is None:
            raise _Unwritable(value._type or "Python")
        made = f"{self.callee(origin)}({', '.join([self.expr(v) for v in origin.args] + [f'{k}={self.expr(v)}' for k, v in origin.kwargs.items()])})"
        self.objects += 1
        name = "obj" if self.objects == 1 else f"obj{self.objects}"
        self.used.add(name)
        self.lines.append(f"{name} = {made}")
        return name

    def top(self, value: Any, key: str | None) -> str:
        """A top-level argument: tensors, arrays and objects get a variable of their own."""
        if isinstance(value, (torch.Tensor, np.ndarray)):
            name = key if key and key.isidentifier() and not keyword.iskeyword(key) else self.fresh()
            self.used.add(name)
            self.lines += self.tensor(name, value) if isinstance(value, torch.Tensor) else self.array(name, value)
            return name
        return self.expr(value)

    def fresh(self) -> str:
        for name in (*NAMES, *(f"t{i}" for i in range(len(NAMES), 100))):
            if name not in self.used:
                return name
        return "t"

    # -- values ----------------------------------------------------------------
    def expr(self, value: Any) -> str:
        """A Python expression for a nested value; large tensors inside get variables."""
        if isinstance(value, torch.Tensor):
            if value.numel() <= min(self.limit, 16) and value.is_contiguous() and value.device.type != "meta":
                return self.tensor_literal(value)
            return self.top(value, None)
        if isinstance(value, np.ndarray):
            return self.top(value, None)
        if isinstance(value, Remote):
            return self.object(value)
        if isinstance(value, float):
            return _float(value, repr)
        if isinstance(value, (bool, int, str, bytes, type(None), slice, complex)):
            return repr(value)
        if isinstance(value, torch.dtype):
            return str(value)
        if isinstance(value, torch.device):
            return f"torch.device({str(value)!r})"
        if isinstance(value, torch.Size):
            return f"torch.Size({list(value)!r})"
        if isinstance(value, np.generic):
            self.numpy = True
            return f"np.{value.dtype.name}({_float(value.item(), repr) if isinstance(value.item(), float) else repr(value.item())})"
        if isinstance(value, tuple):
            inner = ", ".join(self.expr(v) for v in value)
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        if isinstance(value, list):
            return "[" + ", ".join(self.expr(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{self.expr(k)}: {self.expr(v)}" for k, v in value.items()) + "}"
        return f"...  # {type(value).__name__}"

    def tensor(self, name: str, t: torch.Tensor) -> list[str]:
        grad, t = t.requires_grad, t.detach()
        kind = describe(t)
        options = self.options(t)
        if t.numel() == 0:
            return [f"{name} = torch.empty({tuple(t.shape)}, {options})"]
        small = t.numel() <= self.limit and t.device.type != "meta"  # a meta tensor has no values
        lines = [] if small else [f"# {name}: {kind}; " + _("same shape, dtype and layout as the check's input, other values")]
        if t.is_contiguous() or t.numel() <= 1:
            return lines + [f"{name} = {self.values(t, small, options + (', requires_grad=True' if grad else ''))}"]
        order = sorted(range(t.dim()), key=lambda d: (-t.stride(d), -t.size(d)))
        base = t.permute(order)
        inverse = tuple(order.index(d) for d in range(t.dim()))
        note = _("non-contiguous input (strides {strides})").format(strides=tuple(t.stride()))
        if base.is_contiguous():  # a transpose or permutation of a contiguous tensor
            how = ".t()" if t.dim() == 2 else f".permute{inverse}"
            return lines + [f"{name} = {self.values(base, small, options)}{how}  # {note}"]
        wide = (*t.shape[:-1], 2 * t.shape[-1])
        if t.dim() >= 1 and t.stride(-1) == 2 and tuple(t.stride()) == _strides(wide)[:-1] + (2,):
            return lines + [f"{name} = torch.zeros({wide}, {options})[..., ::2]  # {note}",
                            f"{name}.copy_({self.values(t, small, _dtype(t))})"]
        return lines + [f"{name} = torch.empty_strided({tuple(t.shape)}, {tuple(t.stride())}, {options})  # {note}",
                        f"{name}.copy_({self.values(t, small, _dtype(t))})"]

    def options(self, t: torch.Tensor) -> str:
        parts = [_dtype(t)]
        if t.device.type != "cpu":
            parts.append(f"device={str(t.device)!r}")
        return ", ".join(parts)

    def values(self, t: torch.Tensor, small: bool, options: str) -> str:
        """``t``'s values as a literal, or a seeded random tensor of its shape and dtype."""
        if small:
            return f"torch.tensor({_nested(t)}, {options})"
        shape = tuple(t.shape)
        if not self.seeded:
            self.seeded = True
            self.lines.append("torch.manual_seed(0)")
        if t.dtype == torch.bool:
            return f"torch.rand({shape}) > 0.5"  # bool tensors cannot require grad
        if t.dtype.is_floating_point or t.dtype.is_complex:
            return f"torch.randn({shape}, {options})"
        return f"torch.randint(-9, 10, {shape}, {options})"

    def tensor_literal(self, t: torch.Tensor) -> str:
        return f"torch.tensor({_nested(t.detach())}, {self.options(t)})"

    def array(self, name: str, a: np.ndarray) -> list[str]:
        self.numpy = True
        if a.size <= self.limit and a.dtype.kind in "biufc":
            return [f"{name} = np.array({_nested(torch.from_numpy(np.ascontiguousarray(a)))}, dtype=np.{a.dtype.name})"]
        return [f"# {name}: " + _("a NumPy array of dtype {dtype} and shape {shape}").format(dtype=a.dtype, shape=a.shape),
                f"{name} = np.random.default_rng(0).standard_normal({a.shape}).astype(np.{a.dtype.name})"]

    # -- what the check compared -------------------------------------------
    def verdict(self, failure: BaseException | None) -> list[str]:
        expected = getattr(failure, "expected", None)
        got = getattr(failure, "got", None)
        if not isinstance(expected, torch.Tensor):
            return []
        lines = ["# " + _("expected") + f": {describe(expected)}{self.shown(expected)}"]
        if isinstance(got, torch.Tensor):
            lines.append("# " + _("got") + f": {describe(got)}{self.shown(got)}")
        return lines

    def shown(self, t: torch.Tensor) -> str:
        if t.numel() == 0 or t.numel() > min(self.limit, 16) or t.device.type == "meta":
            return ""
        return f" = {_nested(t.detach())}"


def _wrap(line: str) -> str:
    """Break the first ``torch.tensor([...])`` literal of a long line into one row per line."""
    start = line.find("torch.tensor([[")
    if len(line) <= WIDTH or start < 0:
        return line
    open_at = start + len("torch.tensor(")
    depth, rows, begin = 0, [], open_at + 1
    for i in range(open_at, len(line)):
        if line[i] == "[":
            depth += 1
        elif line[i] == "]":
            depth -= 1
            if depth == 0:
                rows.append(line[begin:i].strip())
                return line[:open_at] + "[\n" + "".join(f"    {row},\n" for row in rows) + "]" + line[i + 1:]
        elif line[i] == "," and depth == 1:
            rows.append(line[begin:i].strip())
            begin = i + 1
    return line


def _dtype(t: torch.Tensor) -> str:
    return f"dtype={t.dtype}"


def _strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= max(size, 1)
    return tuple(reversed(strides))


def _float(value: float, fmt) -> str:
    if math.isnan(value):
        return "float('nan')"
    if math.isinf(value):
        return "float('inf')" if value > 0 else "-float('inf')"
    return fmt(value)


def _nested(t: torch.Tensor) -> str:
    """``t``'s values as nested Python lists, each float written as short as its dtype allows."""
    if t.dtype in (torch.float16, torch.bfloat16, torch.float32):
        element = lambda v: _float(v, lambda x: str(np.float32(x)))  # noqa: E731
        data = t.cpu().float().tolist()
    elif t.dtype.is_floating_point:
        element = lambda v: _float(v, repr)  # noqa: E731
        data = t.cpu().tolist()
    else:
        element, data = repr, t.cpu().tolist()

    def walk(value: Any) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(walk(v) for v in value) + "]"
        return element(value)

    return walk(data)
