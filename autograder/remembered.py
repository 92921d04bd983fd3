"""Oracles computed once per grading process: the judge's reference results, remembered by their inputs.

A check's inputs are the same for every submission: derandomized hypothesis examples (examples.py), fixed
cases, and even the starting weights of models the check builds in the worker (every call starts from the
same seed).  So an oracle that replays several training steps in the judge would compute the same result for
every submission.  ``@remembered`` keys a call by the values of its arguments (a digest of every tensor's
dtype, shape, strides and data) and hands out a deep copy of the result it computed the first time.

Only for a function of its arguments alone: no global random state read, no files, no student objects.  The
judge's torch random stream is left as it was whether the result is computed or remembered (building an
``nn`` layer draws from it), so what a check draws after an oracle does not depend on which happened.
Arguments it cannot key (an object of another type, a tensor off the CPU) mean the call simply runs.
"""
from __future__ import annotations

import copy
import functools
import hashlib
from collections import OrderedDict
from typing import Any, Callable

import numpy
import torch

MAX_RESULTS = 4096  # per process, over every remembered oracle; the oldest are dropped first

_results: OrderedDict[bytes, Any] = OrderedDict()


class Unkeyable(Exception):
    """An argument whose value cannot be told apart from another's by a digest."""


def _feed(digest, value: Any, depth: int = 0) -> None:
    if depth > 20:
        raise Unkeyable
    if isinstance(value, torch.Tensor):
        if value.device.type != "cpu" or value.is_sparse or value.is_quantized or type(value) is not torch.Tensor:
            raise Unkeyable
        header = (value.dtype, tuple(value.shape), value.stride(), value.requires_grad, value.is_conj(), value.is_neg())
        digest.update(f"T{header}".encode())
        digest.update(value.detach().contiguous().view(-1).view(torch.uint8).numpy().tobytes() if value.numel() else b"")
    elif isinstance(value, numpy.ndarray):
        if value.dtype.hasobject:
            raise Unkeyable
        digest.update(f"A{value.dtype.str}{value.shape}{value.strides}".encode())
        digest.update(numpy.ascontiguousarray(value).tobytes())
    elif value is None or type(value) in (bool, int, float, complex, str, bytes, torch.dtype, torch.device):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    elif type(value) in (list, tuple):
        digest.update(f"{type(value).__name__}{len(value)}[".encode())
        for item in value:
            _feed(digest, item, depth + 1)
        digest.update(b"]")
    elif type(value) in (dict, OrderedDict):
        digest.update(f"{type(value).__name__}{len(value)}{{".encode())
        for key, item in value.items():
            _feed(digest, key, depth + 1)
            _feed(digest, item, depth + 1)
        digest.update(b"}")
    else:
        raise Unkeyable


def _identity(function: Callable) -> bytes:
    """The function's file, name and code: two assignments' ``replay`` differ, and so does an edited one."""
    code = function.__code__
    return f"{code.co_filename}:{function.__qualname__}:".encode() + hashlib.blake2b(code.co_code).digest()


def key(identity: bytes, args: tuple, kwargs: dict) -> bytes | None:
    """A digest of the function and its arguments' values, or None when an argument cannot be keyed."""
    digest = hashlib.blake2b(identity, digest_size=20)
    try:
        _feed(digest, args)
        _feed(digest, sorted(kwargs.items()))
    except Unkeyable:
        return None
    return digest.digest()


def remembered(function: Callable) -> Callable:
    """``function``'s result for the same argument values computed once per process (see the module's note)."""
    identity = _identity(function)

    @functools.wraps(function)
    def oracle(*args: Any, **kwargs: Any) -> Any:
        name = key(identity, args, kwargs)
        if name is None:
            return function(*args, **kwargs)
        if name not in _results:
            with torch.random.fork_rng(devices=[]):
                result = function(*args, **kwargs)
            _results[name] = result
            if len(_results) > MAX_RESULTS:
                _results.popitem(last=False)
        return copy.deepcopy(_results[name])  # the caller may change what it gets; the remembered one stays

    return oracle


def forget() -> None:
    """Drop every remembered result (tests use it)."""
    _results.clear()
