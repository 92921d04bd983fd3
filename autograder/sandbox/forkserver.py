"""The fork server: a clean process with torch imported that forks one fresh worker per job.

Submissions do not pay for ``import torch``; each still runs in a new process of its own, forked
from a parent in which no student code ran.  This module is the judge's end of the socket to it:
start it (inside bubblewrap when the machine allows), ask for a worker, stop it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path

from .errors import GraderBroken
from .isolation import Isolation, bubblewrap_prefix, clean_environment, detect_isolation, gpu_device_nodes

WORKER_SCRIPT = Path(__file__).with_name("worker.py")  # the program every sandboxed process runs
INSIDE_SCRIPT = "/opt/autograder/worker.py"  # where bubblewrap shows it
FORK_SECONDS = 60.0  # for the fork server to answer a request for a worker, even on a loaded machine


def _stop(process: subprocess.Popen, sock: socket.socket, home: str) -> None:
    sock.close()
    # The server's own children die first, so the server (bubblewrap: its monitor process) reaps them and
    # exits by itself.  Killing the whole group at once orphans them for PID 1 to reap, and a container's
    # PID 1 may never do that: the killed sandbox would stay listed as a zombie after the run.
    for child in _children(process.pid):
        try:
            os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        pass
    try:  # whatever is left of the group (the server itself when it did not exit)
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    shutil.rmtree(home, ignore_errors=True)


def _children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (read from /proc; empty where there is none)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class ForkServer:
    """One running fork server; ``fork`` starts a worker for a job, ``close`` kills the server and its jobs."""

    def __init__(self, isolation: Isolation | None = None, start_seconds: float = 120.0, cuda: bool = False,
                 preload: list[str] = (), script: Path = WORKER_SCRIPT) -> None:
        self.isolation = isolation or detect_isolation()
        self.cuda = cuda  # workers may use the GPU (torch is imported here, CUDA never initialized)
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.home = tempfile.mkdtemp(prefix="autograder-forkserver-")
        self.jobs = Path(self.home, "jobs")
        self.jobs.mkdir(mode=0o711)  # job uids may enter their own folder, never list the others
        if self.isolation.bubblewrap:
            command = [*bubblewrap_prefix(self.jobs, script, INSIDE_SCRIPT, self.isolation, gpu_device_nodes() if cuda else None),
                       sys.executable, "-I", INSIDE_SCRIPT]
        else:  # no PID namespace to die with: the server itself asks the kernel to kill it with this process
            command = [sys.executable, "-I", str(script), "--parent", str(os.getpid())]
        command += ["--fork-server", str(theirs.fileno()), *(["--preload", ",".join(preload)] if preload else [])]
        # what the server says before it is ready (bwrap's own errors, a failed import) explains a failed start
        log = Path(self.home, "start.log")
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                command, cwd=self.home, env=clean_environment(self.home), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=stderr, pass_fds=(theirs.fileno(),), start_new_session=True,
            )
        theirs.close()
        self._finalizer = weakref.finalize(self, _stop, self.process, self._sock, self.home)
        self._sock.settimeout(start_seconds)
        self._replies = self._sock.makefile("rb")
        try:
            ready = json.loads(self._replies.readline() or b"{}").get("ready") is True
        except (OSError, ValueError):  # TimeoutError is an OSError
            ready = False
        if not ready:
            try:  # it closed the socket (it is exiting), or it is still importing after start_seconds
                status = self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                status = None
            said = log.read_text(errors="replace").strip().splitlines()
            self.close()
            if status is None:
                raise GraderBroken(f"the fork server did not import torch within {start_seconds:g} s")
            raise GraderBroken(f"the fork server exited with status {status} before it was ready"
                               + (f": {said[-1]}" if said else ""))
        self._sock.settimeout(FORK_SECONDS)

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, job: dict, fds: tuple[int, int]) -> int:
        """Start a worker for ``job`` talking over ``fds``; its process id leads its own session."""
        try:
            socket.send_fds(self._sock, [json.dumps(job).encode()], list(fds))
            line = self._replies.readline()
        except OSError:
            line = b""
        if not line:
            self.close()  # the next submission starts a new one
            raise GraderBroken("the fork server did not answer")
        pid = int(json.loads(line)["pid"])
        return self._outside(pid) if self.isolation.bubblewrap else pid

    def _outside(self, inner: int) -> int:
        """The pid this process knows a job's process by, from the pid the server gave it inside the sandbox's own
        PID namespace (which names another process out here, or none); 0 when the job is already gone."""
        queue = _children(self.process.pid)
        while queue:
            pid = queue.pop()
            try:
                spaces = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                              if line.startswith("NSpid:")).split()[1:]
            except (OSError, StopIteration):
                continue
            if len(spaces) > 1 and int(spaces[-1]) == inner:
                return pid
            queue += _children(pid)  # bubblewrap, its init and the server lie above the jobs; a few processes
        return 0

    def close(self) -> None:
        self._finalizer()
