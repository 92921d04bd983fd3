"""Calls sent ahead: a check's calls into the worker written in one go, before the check makes them.

A check is a deterministic function of the replies it reads: its inputs are derandomized (replayed by
examples.py), its random streams seeded, and everything else it decides comes from what the worker sent
back.  So the first time a check passes in this process, its calls are recorded, each with a digest of
the reply it got.  For every later submission the recorded calls go to the worker as one batch before
the check runs, with those digests: the worker runs them in order and, as long as every reply is byte
for byte the recorded one, the check is bound to make the next call too.  At the first reply that
differs (another answer: a wrong one, or a correct one that computes differently) the worker stops and
answers the rest "skipped" without running them; the check reads that reply and makes its own calls
live from there.  Each call the check makes takes the next reply when it is, byte for byte, the call
recorded at that place; a skipped one is sent again live.

Each call of a batch runs as a live call does (a fresh seed, its own error, its arguments echoed), and
each reply is awaited with a call's own time limit: a call that raises or hangs fails only itself.
What the worker sends back is read as strictly as ever; a student's code that forges the digests only
chooses which requests of its own process run early, which it could always do.
"""
from __future__ import annotations

MAX_KEYS = 5000  # a bound on what one long-lived process keeps (every check of every assignment is ~600)
MAX_BYTES = 256 * 1024 * 1024

_calls: dict[str, tuple[list[bytes], list[str]]] = {}
_kept_bytes = 0


def calls_for(key: str) -> tuple[list[bytes], list[str]]:
    """The calls (encoded requests) the check ``key`` made when it last passed here, and their replies' digests."""
    return _calls.get(key, ([], []))


def known(key: str) -> bool:
    return key in _calls


def remember(key: str, made: list[tuple[bytes, str]]) -> None:
    """Keep the calls a check made when it passed (the first time only), each with its reply's digest."""
    global _kept_bytes
    if key in _calls or len(_calls) >= MAX_KEYS:
        return
    size = sum(len(payload) for payload, _digest in made)
    if _kept_bytes + size <= MAX_BYTES:
        _calls[key] = ([payload for payload, _digest in made], [digest for _payload, digest in made])
        _kept_bytes += size


def forget() -> None:
    """Drop every recording (tests use it to compare with live calls)."""
    global _kept_bytes
    _calls.clear()
    _kept_bytes = 0
