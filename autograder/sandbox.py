"""Start, talk to and kill the worker process that runs one submission.

Each worker is a fresh process forked from a clean fork server (``python -I``,
torch already imported), in its own session (so the whole session can be
killed), in a fresh temporary directory, under rlimits on address space, CPU
seconds, file size and process count, with a scrubbed environment.  The judge
talks to it over two pipes it owns; every reply is read with
``torch.load(weights_only=True)`` and a wall-clock deadline.
"""
from __future__ import annotations

import io
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import torch

from . import worker as worker_module
from .worker import HEADER, MAX_FRAME_BYTES

WORKER_SCRIPT = Path(worker_module.__file__)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission's worker."""

    notebook_seconds: float = 60.0  # wall clock to run all the notebook's cells
    call_seconds: float = 10.0  # wall clock for one remote call from a check
    cpu_seconds: int = 300  # RLIMIT_CPU for the whole worker
    # torch 2.14.1 (CUDA build) does not import under 3 GB of address space.
    address_space_bytes: int = 6 * 1024**3
    file_size_bytes: int = 64 * 1024**2
    processes: int = 256  # on top of what the user already runs; ignored for root


class WorkerGone(Exception):
    """The worker died or overran its time; the message says which, for the student."""


def _user_process_count() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count


def _clean_environment(home: str) -> dict[str, str]:
    return {
        "PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "CUDA_VISIBLE_DEVICES": os.environ.get("CUDA_VISIBLE_DEVICES", ""),
    }


def _stop(process: subprocess.Popen, sock: socket.socket, home: str) -> None:
    sock.close()
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    shutil.rmtree(home, ignore_errors=True)


class ForkServer:
    """A clean process with torch imported that forks one fresh worker per submission.

    Submissions do not pay for ``import torch``; each still runs in a new
    process of its own, forked from a parent in which no student code ran.
    """

    def __init__(self, start_seconds: float = 120.0) -> None:
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.home = tempfile.mkdtemp(prefix="autograder-forkserver-")
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(WORKER_SCRIPT), "--fork-server", str(theirs.fileno())],
            cwd=self.home, env=_clean_environment(self.home), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(theirs.fileno(),),
            start_new_session=True,
        )
        theirs.close()
        self._finalizer = weakref.finalize(self, _stop, self.process, self._sock, self.home)
        self._sock.settimeout(start_seconds)
        self._replies = self._sock.makefile("rb")
        if json.loads(self._replies.readline() or b"{}").get("ready") is not True:
            self.close()
            raise WorkerGone("could not be started: the worker process failed to import torch")

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, job: dict, fds: tuple[int, int]) -> int:
        """Start a worker for ``job`` talking over ``fds``; its process id leads its own session."""
        socket.send_fds(self._sock, [json.dumps(job).encode()], list(fds))
        line = self._replies.readline()
        if not line:
            raise WorkerGone("could not be started: the fork server stopped")
        return int(json.loads(line)["pid"])

    def close(self) -> None:
        self._finalizer()


class Worker:
    """One running worker: start it, ``receive`` the notebook's progress, then ``request`` as checks need."""

    def __init__(self, cells_json: str, limits: Limits, server: ForkServer, files: Path | None = None) -> None:
        """Start a worker on the rebuilt notebook; ``files`` (the assignment's data) are copied to its folder."""
        self.limits = limits
        self.dead_reason: str | None = None
        self.pid = 0
        self.job_dir = tempfile.mkdtemp(prefix="autograder-job-")
        work = Path(self.job_dir, "work")  # the student's cwd, HOME and TMPDIR
        if files is not None:
            shutil.copytree(files, work, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
        work.mkdir(exist_ok=True)
        Path(self.job_dir, "cells.json").write_text(cells_json, encoding="utf-8")
        to_worker_r, self._to_worker = os.pipe()
        self._from_worker, from_worker_w = os.pipe()
        job = {
            "job_dir": self.job_dir,
            "work": str(work),
            "env": _clean_environment(str(work)),
            "limits": {
                "address_space_bytes": limits.address_space_bytes,
                "cpu_seconds": limits.cpu_seconds,
                "file_size_bytes": limits.file_size_bytes,
                "processes": _user_process_count() + limits.processes,
            },
        }
        try:
            self.pid = server.fork(job, (to_worker_r, from_worker_w))
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)

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
            (size,) = HEADER.unpack(self._read_exact(HEADER.size, deadline))
            if size > MAX_FRAME_BYTES:
                raise ValueError(f"sent {size} bytes, over the {MAX_FRAME_BYTES} byte limit")
            payload = self._read_exact(size, deadline)
        except TimeoutError:
            self.kill(f"did not finish within {budget or seconds:g} s")
            raise WorkerGone(self.dead_reason) from None
        except EOFError:
            self.kill(self._exit_description())
            raise WorkerGone(self.dead_reason) from None
        except ValueError as exc:
            self.kill(str(exc))
            raise WorkerGone(self.dead_reason) from None
        try:
            message = torch.load(io.BytesIO(payload), weights_only=True)
        except Exception as exc:
            self.kill(f"sent data that is not plain tensors ({type(exc).__name__})")
            raise WorkerGone(self.dead_reason) from None
        if not isinstance(message, dict):
            self.kill("sent a malformed reply")
            raise WorkerGone(self.dead_reason)
        return message

    def send(self, message: dict) -> None:
        if self.dead_reason:
            raise WorkerGone(self.dead_reason)
        buffer = io.BytesIO()
        torch.save(message, buffer)
        try:
            worker_module.write_frame(self._to_worker, buffer.getvalue())
        except (BrokenPipeError, OSError):
            self.kill(self._exit_description())
            raise WorkerGone(self.dead_reason) from None

    def request(self, message: dict) -> dict:
        self.send(message)
        return self.receive(self.limits.call_seconds)

    # -- lifetime -----------------------------------------------------------
    def _exit_description(self) -> str:
        status_file = Path(self.job_dir, "exit_status")
        for _ in range(100):  # the session leader writes it right after the worker ends
            if status_file.is_file() and status_file.read_text():
                break
            time.sleep(0.01)
        else:
            return "stopped unexpectedly"
        code = int(status_file.read_text())
        if code < 0:
            name = signal.Signals(-code).name
            hints = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (memory or time limit)", "SIGSEGV": " (crash)"}
            return f"was killed by {name}{hints.get(name, '')}"
        return f"exited with code {code}"

    def kill(self, reason: str | None = None) -> None:
        """Kill the worker's whole session; remember why for later requests."""
        if self.dead_reason is None:
            self.dead_reason = reason or "was stopped"
        if not self.pid:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            return
        for _ in range(500):  # the fork server reaps it; wait until it is gone
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.01)

    def close(self) -> None:
        self.kill("was closed")
        for fd in (self._to_worker, self._from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.job_dir, ignore_errors=True)

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
