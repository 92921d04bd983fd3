"""Calls sent ahead: a check's calls into the worker written in one go, before the check makes them.

A check calls the student's functions with the same arguments for every submission: derandomized
hypothesis inputs (replayed by examples.py) and fixed cases.  So the first time a check passes in this
process, the calls it made are recorded, up to the first one that is addressed to an object the
student's code returned, or whose arguments hold a tensor an earlier reply held (those differ between
two correct answers).  For every later submission the recorded calls go to the worker as one batch before the
check runs; the worker answers them in order while the check runs, and each call the check makes takes
the next reply when it is, byte for byte, the call recorded at that place.  From the first call that
differs on, the replies left are read and dropped and the check's calls go live.

Each call of a batch runs as a live call does (a fresh seed, its own error, its arguments echoed), and
each reply is awaited with a call's own time limit: a call that raises or hangs fails only itself.
"""
from __future__ import annotations

from typing import Any

from .sandbox.worker import HANDLE

MAX_KEYS = 5000  # a bound on what one long-lived process keeps (every check of every assignment is ~600)
MAX_BYTES = 256 * 1024 * 1024

_calls: dict[str, list[bytes]] = {}
_kept_bytes = 0


def sendable(message: dict) -> bool:
    """A call (or a read) of a notebook name whose arguments hold no object of the student's."""
    return (message.get("op") in ("call", "get") and isinstance(message.get("target"), str)
            and not _has_handle(message.get("args")) and not _has_handle(message.get("kwargs")))


def _has_handle(value: Any, depth: int = 0) -> bool:
    if isinstance(value, dict):
        return HANDLE in value or any(_has_handle(v, depth + 1) for v in value.values())
    if type(value) in (list, tuple):
        return any(_has_handle(v, depth + 1) for v in value)
    return False


def calls_for(key: str) -> list[bytes]:
    """The calls (encoded requests) the check ``key`` made when it last passed here; empty when unknown."""
    return _calls.get(key, [])


def known(key: str) -> bool:
    return key in _calls


def remember(key: str, made: list[tuple[dict, bytes]]) -> None:
    """Keep the calls a check made when it passed (the first time only), up to the first that is not sendable."""
    global _kept_bytes
    if key in _calls or len(_calls) >= MAX_KEYS:
        return
    prefix = []
    for message, payload in made:
        if not sendable(message):
            break
        prefix.append(payload)
    size = sum(len(p) for p in prefix)
    if _kept_bytes + size <= MAX_BYTES:
        _calls[key] = prefix
        _kept_bytes += size


def forget() -> None:
    """Drop every recording (tests use it to compare with live calls)."""
    global _kept_bytes
    _calls.clear()
    _kept_bytes = 0
