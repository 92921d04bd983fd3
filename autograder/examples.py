"""Hypothesis inputs made once per grading process, and replayed for every later submission.

The checks' hypothesis settings are derandomized and never shrink (checks/conftest.py), so a property
check draws the same inputs, in the same order, for every submission.  Drawing them is most of a
property's cost when the student's function computes in microseconds.  So the first time a check
passes in this process, each input is recorded as the check's body received it (and the judge's
random states at that moment); later gradings call the body with copies of those inputs directly.

A replay is only ever trusted to say "passed": when any replayed input fails, or a check draws from
``st.data()`` in a way the recording did not see, the check runs again under hypothesis itself, so a
failure's message and reproducer are exactly what hypothesis would have produced.  The worker's death
(a hang, a crash) is the exception: it is reported at once, as hypothesis would report it.
"""
from __future__ import annotations

import copy
import ctypes
import random
import re
from dataclasses import dataclass, field
from typing import Any

import numpy
import torch

from .sandbox import WorkerGone

MAX_KEYS = 5000  # a bound on what one long-lived process keeps (every check of every assignment is ~600)


@dataclass
class Example:
    kwargs: dict[str, Any]  # the drawn arguments, as the body received them (copied before it ran)
    draws: list[tuple[str, Any]] = field(default_factory=list)  # st.data() draws: (repr of strategy, value)
    states: tuple = ()  # (random, numpy, torch) states as the body began


class Diverged(Exception):
    """The replayed body asked ``st.data()`` for something the recording did not draw."""


_examples: dict[str, list[Example]] = {}


def _states() -> tuple:
    return random.getstate(), _numpy_state(), torch.get_rng_state()


def _restore(states: tuple) -> None:
    random.setstate(states[0])
    if states[1] is SEEDED:
        numpy.random.seed(0)
    else:
        numpy.random.set_state(states[1])
    torch.set_rng_state(states[2])


SEEDED = "seeded"  # numpy's global state as hypothesis leaves it for every input: seeded with 0, nothing drawn yet
_seeded_state: tuple = ()


def _numpy_state() -> tuple | str:
    """NumPy's global random state, or SEEDED: setting a whole state costs ~0.1 ms (it checks every word), seeding
    3 us, and hypothesis seeds numpy with 0 before each input, which a body rarely draws from before it starts."""
    global _seeded_state
    if not _seeded_state:
        _seeded_state = numpy.random.RandomState(0).get_state()
    state = numpy.random.get_state()
    same = state[0] == _seeded_state[0] and state[2:] == _seeded_state[2:] and numpy.array_equal(state[1], _seeded_state[1])
    return SEEDED if same else state


def _copy(value: Any) -> Any:
    """A deep copy that keeps every array's layout: deepcopy makes a strided NumPy array contiguous, and a check
    given a transposed or sliced array must get one again.  Tensors keep theirs (and views stay views)."""
    memo: dict = {}

    def find(v, depth=0):
        if type(v) is torch.Tensor and id(v) not in memo and _plain(v):
            # Tensor.__deepcopy__ takes ~75 us in Python; the same copy: a copied storage (one per storage, so
            # inputs that share one still do), viewed with the same offset, sizes and strides
            storage = v.untyped_storage()
            key = ("storage", storage._cdata)
            if key not in memo:
                memo[key] = storage.clone()
            memo[id(v)] = torch.empty(0, dtype=v.dtype).set_(memo[key], v.storage_offset(), v.shape, v.stride())
            if v.requires_grad:
                memo[id(v)].requires_grad_(True)
        elif isinstance(v, numpy.ndarray) and id(v) not in memo and v.dtype.kind in "biufc" and v.size:
            # the span of memory the array covers, copied, and viewed with the same strides (negative ones too)
            low, high = numpy.lib.array_utils.byte_bounds(v) if hasattr(numpy.lib, "array_utils") else numpy.byte_bounds(v)
            span = numpy.frombuffer(ctypes.string_at(low, high - low), dtype=numpy.uint8).copy()
            memo[id(v)] = numpy.ndarray(v.shape, v.dtype, buffer=span, offset=v.__array_interface__["data"][0] - low,
                                        strides=v.strides)
        elif depth < 10 and isinstance(v, (list, tuple)):
            for item in v:
                find(item, depth + 1)
        elif depth < 10 and isinstance(v, dict):
            for item in v.values():
                find(item, depth + 1)

    find(value)
    return copy.deepcopy(value, memo)


def _plain(t: torch.Tensor) -> bool:
    """A dense CPU leaf tensor with nothing on it but its values (else deepcopy's own path)."""
    return t.layout == torch.strided and t.device.type == "cpu" and t.is_leaf and t.grad is None \
        and not (t.is_quantized or t.is_conj() or t.is_neg() or t.__dict__)


def _describe(strategy) -> str:
    """The strategy's repr without object addresses (the checks' modules are imported again per grading)."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(strategy))


class _RecordingData:
    """Stands for hypothesis's ``st.data()`` object while recording: draws through it and notes each value."""

    def __init__(self, data, example: Example) -> None:
        self._data, self._example = data, example

    def draw(self, strategy, label=None):
        value = self._data.draw(strategy, label)
        self._example.draws.append((_describe(strategy), _copy(value)))
        return value


class _ReplayData:
    """Stands for ``st.data()`` while replaying: gives back the recorded draws, if asked for the same things."""

    def __init__(self, draws: list[tuple[str, Any]]) -> None:
        self._draws = iter(draws)

    def draw(self, strategy, label=None):
        recorded = next(self._draws, None)
        if recorded is None or recorded[0] != _describe(strategy):
            raise Diverged(f"{recorded and recorded[0]!r} != {_describe(strategy)!r}")
        return _copy(recorded[1])


def _is_data(value: Any) -> bool:
    return type(value).__name__ == "DataObject" and type(value).__module__.startswith("hypothesis")


def run(key: str, test, fixtures: dict[str, Any]) -> None:
    """Run the hypothesis check ``test`` (``item.obj``) with its ``fixtures``: replayed when its inputs are known
    here, else under hypothesis, recording its inputs if it passes."""
    if not test._hypothesis_internal_use_settings.derandomize:  # its inputs change from run to run anyway
        test(**fixtures)
        return
    examples = _examples.get(key)
    if examples is not None:
        try:
            _replay(test, fixtures, examples)
            return
        except WorkerGone:
            raise
        except Exception:  # a failure, or a divergence: hypothesis decides, and words it
            pass
        test(**fixtures)
        return
    recorded: list[Example] = []
    inner = test.hypothesis.inner_test

    def recording(*args, **kwargs):
        example = Example({}, states=_states())
        for name, value in kwargs.items():
            if name in fixtures:
                continue
            if _is_data(value):
                kwargs[name] = _RecordingData(value, example)
                example.kwargs[name] = _ReplayData  # a marker: replays get a fresh _ReplayData here
            else:
                example.kwargs[name] = _copy(value)
        result = inner(*args, **kwargs)
        # only inputs the body ran through to the end: one hypothesis stopped mid-way (its data ran out
        # inside a draw) was not a test case, and a failing one means nothing is kept anyway
        recorded.append(example)
        return result

    # derandomized hypothesis seeds its draws from the body's source: the recording wrapper's would give other
    # inputs, so the run is given the seed the body itself gets
    from hypothesis.internal.compat import int_from_bytes
    from hypothesis.internal.reflection import function_digest

    seed = test._hypothesis_internal_use_seed
    test._hypothesis_internal_use_seed = int_from_bytes(function_digest(inner)) if seed is None else seed
    test.hypothesis.inner_test = recording
    try:
        test(**fixtures)
    finally:
        test.hypothesis.inner_test = inner
        test._hypothesis_internal_use_seed = seed
    if len(_examples) < MAX_KEYS:
        _examples[key] = recorded  # reached only when every input passed


def _replay(test, fixtures: dict[str, Any], examples: list[Example]) -> None:
    inner = test.hypothesis.inner_test
    saved = _states()
    try:
        for example in examples:
            _restore(example.states)
            kwargs = {name: _ReplayData(example.draws) if value is _ReplayData else _copy(value)
                      for name, value in example.kwargs.items()}
            inner(**fixtures, **kwargs)
    finally:
        _restore(saved)


def forget() -> None:
    """Drop every recording (tests use it to compare with hypothesis itself)."""
    _examples.clear()
