"""The ``student`` fixture: the judge's view of a submission's names, run in the worker.

``student.make_view(x)`` calls the student's ``make_view`` in the worker and
returns its result (tensors and plain data; other objects come back as
``Remote`` handles).  ``student.call(...)`` returns a ``Call`` with the
arguments as the worker saw them after the call, serialized in the same frame
as the result, so checks can see mutation, identity and shared storage.
"""
from __future__ import annotations

from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch

from .sandbox import WorkerGone, WorkerHandle
from .sandbox import worker as protocol
from .sandbox.worker import HANDLE, NDARRAY, NPSCALAR

CALL_SEED = 0  # every call starts from the same RNG state, so results do not depend on check order


class StudentError(Exception):
    """The student's code raised; ``error_type`` is the exception's class name."""

    def __init__(self, name: str, error_type: str, message: str) -> None:
        self.name, self.error_type, self.message = name, error_type, message
        super().__init__(f"{name} raised {error_type}: {message}" if message else f"{name} raised {error_type}")


@dataclass
class SentCall:
    """A call as the judge sent it to the worker (its reproducer for the student is built from this)."""

    label: str  # the callee: a name in the notebook, or ``Type.attr`` on an object the student's code returned
    args: tuple
    kwargs: dict
    object_type: str | None = None  # set when the callee lives on such an object
    owner: "Remote | None" = None  # that object


@dataclass
class Call:
    name: str
    value: Any = None
    args: tuple = ()
    kwargs: dict | None = None
    error_type: str | None = None
    error_message: str = ""

    @property
    def raised(self) -> str | None:
        return self.error_type

    def result(self) -> Any:
        """The returned value, or ``StudentError`` if the call raised."""
        if self.error_type is not None:
            raise StudentError(self.name, self.error_type, self.error_message)
        return self.value


def _to_worker(value: Any) -> Any:
    if isinstance(value, Remote):
        if not isinstance(value._target, int) or value._attr is not None:
            value = value.get()
        return {HANDLE: value._target}
    if isinstance(value, np.ndarray):
        return {NDARRAY: torch.from_numpy(value)}
    if type(value) in (list, tuple):
        return type(value)(_to_worker(v) for v in value)
    if isinstance(value, dict):
        return {k: _to_worker(v) for k, v in value.items()}
    return value


class Remote:
    """A name, attribute or object that lives in the worker."""

    def __init__(self, session: "Session", target: str | int, attr: str | None = None, type_name: str = "",
                 origin: SentCall | None = None) -> None:
        self._session, self._target, self._attr, self._type = session, target, attr, type_name
        self._origin = origin  # the call that returned this object, so a reproducer can make it again

    @property
    def _label(self) -> str:
        base = self._target if isinstance(self._target, str) else (self._type or "object")
        return f"{base}.{self._attr}" if self._attr else str(base)

    def attr(self, name: str) -> "Remote":
        if self._attr is None:
            return Remote(self._session, self._target, name, self._type, self._origin)
        owner = self.get()
        if not isinstance(owner, Remote):
            raise StudentError(self._label, "TypeError", f"is a {type(owner).__name__}, not an object with attributes")
        return Remote(self._session, owner._target, name, owner._type)

    def get(self) -> Any:
        reply = self._session.request({"op": "get", "target": self._target, "attr": self._attr})
        if not reply.get("ok"):
            error = reply.get("error") or {}
            raise StudentError(self._label, error.get("type", "Error"), error.get("message", ""))
        return self._session.decode(reply.get("value"))

    def call(self, *args: Any, **kwargs: Any) -> Call:
        return self._call(args, kwargs, echo=True)

    def _call(self, args: tuple, kwargs: dict, echo: bool, meta: bool = False) -> Call:
        """``echo``: send the arguments back as the call left them (costs a second serialization)."""
        # judge-side values, kept by reference: a failing check shows the student this call
        owner = Remote(self._session, self._target, None, self._type, self._origin) if isinstance(self._target, int) else None
        sent = SentCall(self._label, args, kwargs, self._type if owner is not None else None, owner)
        self._session.last_call = sent
        message = {"op": "call", "target": self._target, "attr": self._attr, "args": _to_worker(args),
                   "kwargs": _to_worker(kwargs), "seed": CALL_SEED, "echo": echo}
        if meta:
            message["meta"] = True
        reply = self._session.request(message)
        if not reply.get("ok"):
            error = reply.get("error") or {}
            return Call(self._label, error_type=str(error.get("type", "Error")), error_message=str(error.get("message", "")))
        decode = self._session.decode
        value = decode(reply.get("value"))
        if isinstance(value, Remote):
            value._origin = sent
        return Call(self._label, value, decode(reply.get("args", ())), decode(reply.get("kwargs", {})))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(args, kwargs, echo=False).result()

    def structure(self, *args: Any, **kwargs: Any) -> Any:
        """Like calling, for a function that builds an nn.Module of which the check reads only the structure
        (parameter names, shapes and flags, submodules' types and sizes): the worker builds it on the meta device,
        skipping the weights' initialization, and builds it as usual where that raises or gives no nn.Module.
        What the student sees in a reproducer is the plain call."""
        return self._call(args, kwargs, echo=False, meta=True).result()

    def __repr__(self) -> str:
        return f"<student {self._label}>"


class Session:
    """One submission's worker, as seen by the checks.

    A check whose call hangs or crashes the worker fails; before the next check
    the worker is started again (a bounded number of times) so that one bad
    function does not cost the other parts, and that function is not called
    again: its other checks fail at once with the same reason.
    """

    def __init__(self, worker: WorkerHandle, restart: Callable[[], WorkerHandle], restarts: int = 8) -> None:
        """``worker`` has run the notebook; ``restart`` makes a fresh one that ran it again."""
        self._restart = restart
        self.restarts_left = restarts
        self.worker = worker
        self.hung: dict[str, str] = {}  # a name whose call killed the worker is not called again
        self.last_call: SentCall | None = None  # the latest call into the worker (reset before each check)
        self.ahead: deque[bytes] = deque()  # calls sent ahead (ahead.py) whose replies wait in the pipe, in order
        self.made: list[tuple[bytes, str]] | None = None  # the current check's calls and their replies' digests
        self.call_seconds: float | None = None  # set by Student.allowing: a longer wait than the worker's limit

    def begin_check(self, calls: tuple[list[bytes], list[str]] = ([], []), note: bool = False) -> None:
        """Before a check: send ``calls`` (its recorded ones, with their replies' digests) ahead in one write;
        ``note``: note the calls it makes and what came back (ahead.py keeps them when it passes)."""
        self.settle()
        self.made = [] if note else None
        payloads, digests = calls
        # a function that hung is not called again: a batch would call it
        if payloads and not self.worker.dead_reason and not self.hung:
            try:
                self.worker.send_batch(payloads, digests)
            except WorkerGone:
                return  # the check's own first call reports it
            self.ahead.extend(payloads)

    def request(self, message: dict) -> dict:
        target = message.get("target")
        if target in self.hung:
            raise WorkerGone(self.hung[target])
        payload = protocol.dumps(message)
        seconds = self.call_seconds or self.worker.limits.call_seconds
        try:
            reply = None
            if self.ahead and self.ahead[0] == payload:  # sent ahead: its reply is on its way
                self.ahead.popleft()
                reply = self.worker.receive(seconds)
                if reply.get("skipped") is True:  # not run: an earlier reply was not the recorded one
                    reply = None
            if reply is None:
                self.settle()
                self.worker.send_payloads([payload])
                reply = self.worker.receive(seconds)
            if self.made is not None:
                self.made.append((payload, protocol.reply_digest(self.worker.last_payload)))
            return reply
        except WorkerGone as exc:
            self.ahead.clear()
            if isinstance(target, str):
                self.hung[target] = str(exc)
            raise

    def settle(self) -> None:
        """Read and drop the replies of calls sent ahead that the check did not make."""
        while self.ahead:
            self.ahead.popleft()
            try:
                self.worker.receive(self.worker.limits.call_seconds)
            except WorkerGone:  # a call the check never made hung: it must not cost the check, so start again
                self.ahead.clear()
                self.revive()

    def revive(self) -> None:
        if self.worker.dead_reason and self.restarts_left > 0:
            self.restarts_left -= 1
            self.worker.close()
            self.worker = self._restart()
        if self.worker.dead_reason:
            self.ahead.clear()

    def close(self) -> None:
        self.worker.close()

    def decode(self, value: Any) -> Any:
        if isinstance(value, dict):
            if HANDLE in value and isinstance(value[HANDLE], int):
                return Remote(self, value[HANDLE], None, str(value.get("type", "")))
            if NDARRAY in value and isinstance(value[NDARRAY], torch.Tensor):
                return value[NDARRAY].numpy()
            if NPSCALAR in value:
                return np.dtype(str(value.get("dtype"))).type(value[NPSCALAR])
            return {k: self.decode(v) for k, v in value.items()}
        if type(value) in (list, tuple):
            return type(value)(self.decode(v) for v in value)
        return value


class Student:
    """What checks receive as ``student``: attribute access names the student's globals."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __getattr__(self, name: str) -> Remote:
        if name.startswith("_"):
            raise AttributeError(name)
        return Remote(self._session, name)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Call:
        return Remote(self._session, name).call(*args, **kwargs)

    def get(self, name: str) -> Any:
        return Remote(self._session, name).get()

    @contextmanager
    def allowing(self, seconds: float):
        """Calls made inside wait up to ``seconds`` for their reply instead of the worker's call limit.

        For the one call of an assignment that is a training run by design (08's pipeline): the course's
        limit stays what every other call gets. The worker's CPU limit (``Limits.cpu_seconds``) still holds.
        """
        session = self._session
        before, session.call_seconds = session.call_seconds, seconds
        try:
            yield
        finally:
            session.call_seconds = before

    def builtin(self, name: str) -> Remote:
        """A builtin (``len``, ``iter``, ``next``, ``list``...) called in the worker, e.g. on a student's loader."""
        return Remote(self._session, "__builtins__").attr(name)


__all__ = ["Call", "Remote", "SentCall", "Session", "Student", "StudentError", "WorkerGone"]
