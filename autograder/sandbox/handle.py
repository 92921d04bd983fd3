"""The judge's handle on one running worker: read its frames under a deadline, send requests, kill it.

Every frame is read with the protocol's strict reader (``worker.loads``: a JSON header and raw storages,
or ``torch.load(weights_only=True)``): whatever student code does to the worker, only tensors and plain
data reach the judge.  The frames themselves are defined in ``worker.py``.
"""
from __future__ import annotations

import os
import select
import shutil
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..i18n import _
from . import worker as protocol
from .errors import WorkerGone
from .isolation import JobUid, kill_uid
from .limits import Limits


# A closed worker is killed at once, but a process of a few hundred MB takes 10 to 25 ms to be gone: waiting for
# that, then releasing its uid and deleting its folder, happens on this thread, off the next grading's clock
# (25 ms of a warm grading of 01, ~150 ms, before).  ``settle_closed`` waits for it before a launcher stops; the
# thread is also joined when the interpreter exits normally (concurrent.futures does).
_closing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autograder-closing")


def settle_closed() -> None:
    """Wait until every closed worker is gone, its uid released and its folder deleted."""
    _closing.submit(lambda: None).result()


class WorkerHandle:
    """One running worker, as the judge holds it: ``receive`` the notebook's events, then ``request`` as checks need."""

    def __init__(self, limits: Limits, job_dir: Path, job_uid: JobUid | None, to_worker: int, from_worker: int) -> None:
        self.limits = limits
        self.dead_reason: str | None = None
        self.pid = 0  # set once the fork server started it
        self.job_dir = str(job_dir)
        self._job_uid = job_uid
        self.uid = job_uid.uid if job_uid else None
        self._to_worker, self._from_worker = to_worker, from_worker
        self.last_payload = b""  # the latest frame received, as it came (a recording notes its digest)

    # -- frames -------------------------------------------------------------
    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks = []
        while n:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_worker], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(self._from_worker, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def receive(self, seconds: float, budget: float | None = None) -> dict:
        """The next frame within ``seconds``, or ``WorkerGone`` after killing the worker.

        ``budget`` is the limit to name in the message when ``seconds`` is what is left of it.
        """
        if self.dead_reason:
            raise WorkerGone(self.dead_reason)
        deadline = time.monotonic() + seconds
        try:
            (size,) = protocol.HEADER.unpack(self._read_exact(protocol.HEADER.size, deadline))
            if size > protocol.MAX_FRAME_BYTES:
                raise ValueError(_("sent {size} bytes, over the {limit} byte limit").format(size=size, limit=protocol.MAX_FRAME_BYTES))
            payload = self._read_exact(size, deadline)
        except TimeoutError:
            self.kill(_("did not finish within {seconds} s").format(seconds=f"{budget or seconds:g}"))
            raise WorkerGone(self.dead_reason) from None
        except EOFError:
            self.kill(self._exit_description())
            raise WorkerGone(self.dead_reason) from None
        except ValueError as exc:
            self.kill(str(exc))
            raise WorkerGone(self.dead_reason) from None
        self.last_payload = payload
        try:
            message = protocol.loads(payload)
        except Exception as exc:
            self.kill(_("sent data that is not plain tensors ({error})").format(error=type(exc).__name__))
            raise WorkerGone(self.dead_reason) from None
        if not isinstance(message, dict):
            self.kill(_("sent a malformed reply"))
            raise WorkerGone(self.dead_reason)
        return message

    def send(self, message: dict) -> None:
        self.send_payloads([protocol.dumps(message)])

    def send_payloads(self, payloads: list[bytes]) -> None:
        """Frames already encoded (``protocol.dumps``), in one write."""
        if self.dead_reason:
            raise WorkerGone(self.dead_reason)
        try:
            protocol.write_frames(self._to_worker, payloads)
        except (BrokenPipeError, OSError):
            self.kill(self._exit_description())
            raise WorkerGone(self.dead_reason) from None

    def send_batch(self, requests: list[bytes], expect: list[str | None]) -> None:
        """Requests (encoded) the worker reads all at once and answers in order, one reply frame each; after a
        reply whose digest is not the one ``expect`` gives for it, the rest are answered ``SKIPPED``, not run."""
        self.send_payloads([protocol.dumps({"op": "batch", "count": len(requests), "expect": expect}), *requests])

    def request(self, message: dict) -> dict:
        self.send(message)
        return self.receive(self.limits.call_seconds)

    # -- lifetime -----------------------------------------------------------
    def _exit_description(self) -> str:
        status_file = Path(protocol.exit_status_path(self.job_dir))
        for _attempt in range(100):  # the fork server writes it as soon as it reaps the worker
            if status_file.is_file() and status_file.read_text():
                break
            time.sleep(0.01)
        else:
            return _("stopped unexpectedly")
        code = int(status_file.read_text())
        if code < 0:
            name = signal.Signals(-code).name
            hints = {"SIGXCPU": _("was killed by {signal} (CPU time limit)"), "SIGKILL": _("was killed by {signal} (memory or time limit)"),
                     "SIGSEGV": _("was killed by {signal} (crash)")}
            return hints.get(name, _("was killed by {signal}")).format(signal=name)
        return _("exited with code {code}").format(code=code)

    def kill(self, reason: str | None = None, wait: bool = True) -> None:
        """Kill the worker's whole session; remember why for later requests.  ``wait``: until it is gone."""
        if self.dead_reason is None:
            self.dead_reason = reason or _("was stopped")
        if self.pid:
            # the process itself too: closed right after it was started, it may not lead its session yet
            for kill in (os.killpg, os.kill):
                try:
                    kill(self.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        if self.uid is not None:
            kill_uid(self.uid, wait)  # also what left the session (setsid daemons)
        if not self.pid or not wait:
            return
        for attempt in range(550):  # the fork server reaps it; wait until it is gone (usually a few ms)
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.001 if attempt < 50 else 0.01)

    def close(self) -> None:
        """Kill the worker now; the wait for it to be gone and the cleaning up happen on the closing thread."""
        self.kill(_("was closed"), wait=False)
        for fd in (self._to_worker, self._from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        _closing.submit(self._gone)

    def _gone(self) -> None:
        self.kill(wait=True)
        if self._job_uid is not None:
            self._job_uid.release()
        shutil.rmtree(self.job_dir, ignore_errors=True)
        Path(protocol.exit_status_path(self.job_dir)).unlink(missing_ok=True)

    def __enter__(self) -> "WorkerHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
