"""The fork server: a clean process with torch imported that forks one fresh worker per job.

Submissions do not pay for ``import torch``; each still runs in a new process of its own, forked
from a parent in which no student code ran.  This module is the judge's end of the socket to it:
start it (inside bubblewrap when the machine allows), ask for a worker, stop it; or, in a pool's
processes, share one that the run's main process started (``SharedForkServer``).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import GraderBroken
from .isolation import Isolation, bubblewrap_prefix, clean_environment, detect_isolation, gpu_device_nodes

WORKER_SCRIPT = Path(__file__).with_name("worker.py")  # the program every sandboxed process runs
INSIDE_SCRIPT = "/opt/autograder/worker.py"  # where bubblewrap shows it
FORK_SECONDS = 60.0  # for the fork server to answer a request for a worker, even on a loaded machine
HOME_PREFIX = "autograder-forkserver-"  # a server's folder in the temp folder: its jobs, its start log
OWNER_FILE = "owner"  # in that folder: the process that started the server (pid and start time)


def _started(pid: int) -> str | None:
    """When the process ``pid`` started (in clock ticks since boot), None when there is none: a pid with another
    start time is another process.  A zombie counts as none: it has ended, only its exit status is left to read
    (the processes of a run killed with SIGKILL stay zombies until whoever inherits them reaps them)."""
    try:
        state, *fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return None if state in ("Z", "X") else fields[18]
    except (OSError, IndexError, ValueError):
        return None


def remove_leftovers() -> None:
    """Remove the folders of servers whose starting process is gone without stopping them (a run killed with
    SIGKILL, or by the OOM killer, cannot: its servers die with it, their folders stay in the temp folder)."""
    for home in Path(tempfile.gettempdir()).glob(HOME_PREFIX + "*"):
        try:
            if home.is_symlink() or home.stat().st_uid != os.getuid():
                continue  # another account's (the temp folder is shared)
            pid, started = (home / OWNER_FILE).read_text().split()
            gone = _started(int(pid)) != started
        except (OSError, ValueError):  # being made right now, or an older version's
            continue
        if gone:
            shutil.rmtree(home, ignore_errors=True)


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
                 preload: list[str] = (), script: Path = WORKER_SCRIPT, wait: bool = True) -> None:
        """Start the server; with ``wait``, return once it is ready (it imports torch: seconds), else at once,
        for a ``share`` whose first user waits instead."""
        self.isolation = isolation or detect_isolation()
        self.cuda = cuda  # workers may use the GPU (torch is imported here, CUDA never initialized)
        self.preload = tuple(preload)
        self.script = script
        self.start_seconds = start_seconds
        self._share: SharedForkServer | None = None
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        remove_leftovers()
        self.home = tempfile.mkdtemp(prefix=HOME_PREFIX)
        owner = Path(self.home, OWNER_FILE + ".new")  # whole or absent to remove_leftovers in other processes
        owner.write_text(f"{os.getpid()} {_started(os.getpid())}")
        owner.replace(Path(self.home, OWNER_FILE))
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
        if wait:
            self._await_ready()

    def _await_ready(self) -> None:
        """Read the server's first word; ``GraderBroken`` with what it said when it is not ready in time."""
        start_seconds, log = self.start_seconds, Path(self.home, "start.log")
        if not _said_ready(self._sock, start_seconds):
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

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, job: dict, fds: tuple[int, int]) -> int:
        """Start a worker for ``job`` talking over ``fds``; its process id leads its own session."""
        pid = _request(self._sock, job, fds)
        if pid is None:
            self.close()  # the next submission starts a new one
            raise GraderBroken("the fork server did not answer")
        return _outside(self.process.pid, pid) if self.isolation.bubblewrap else pid

    def share(self) -> "SharedForkServer":
        """This server, for the processes of a pool (pickled into each as it starts) and for this one's graders;
        the same share every time (a new one would forget that the server said it was ready)."""
        if self._share is None:
            self._share = SharedForkServer(self)
        return self._share

    def close(self) -> None:
        self._finalizer()


STARTING, READY, GONE = "starting", "ready", "gone"  # a shared server's state, as its users found it


class SharedForkServer:
    """A fork server started by a grading run's main process, used by each process of its pool in turn, through one
    socket: the pool pays for one sandboxed server (which starts while the pool's processes do), not one each.

    Built by ``ForkServer.share`` and pickled into each pool process as it starts; there it offers what a
    ``Launcher`` asks of a ``ForkServer``.  The main process stops the server once the pool is done.  A pool
    process whose share is not ready, or stops answering, starts a server of its own (``Launcher.server``).
    """

    def __init__(self, server: ForkServer) -> None:
        self.sock = server._sock
        # its users take turns on the socket by locking this file (a turn ends even when its holder is killed), in
        # which they write what they found: whether the server said it was ready, or stopped answering
        self.turns = Path(server.home, "shared")
        self.turns.write_text(STARTING)
        self.pid = server.process.pid
        self.jobs = server.jobs
        self.isolation = server.isolation
        self.cuda, self.preload, self.script = server.cuda, server.preload, server.script
        self.start_seconds = server.start_seconds

    @contextmanager
    def _turn(self) -> Iterator[TextIO]:
        """This process's turn on the socket for as long as the block lasts; yields the file of the server's state."""
        with self.turns.open("r+") as state:
            fcntl.flock(state, fcntl.LOCK_EX)  # released when the file is closed
            yield state

    def serves(self, cuda: bool, preload: list[str], script: Path) -> bool:
        """Whether this server is the one a launcher with these settings would start."""
        return (self.cuda, self.preload, self.script) == (cuda, tuple(preload), script)

    def ready(self) -> bool:
        """Whether the server is up, reading its first word when no user has read it yet (waiting for its start)."""
        try:
            with self._turn() as state:
                found = state.read()
                if found == STARTING:
                    found = READY if _said_ready(self.sock, self.start_seconds) else GONE
                    _write(state, found)
                return found == READY
        except OSError:  # its folder is gone: the run's main process has stopped it
            return False

    def alive(self) -> bool:
        try:
            return self.turns.read_text() == READY and Path(f"/proc/{self.pid}").exists()
        except OSError:  # the run is ending: its main process has stopped the server
            return False

    def fork(self, job: dict, fds: tuple[int, int]) -> int:
        """As ``ForkServer.fork``; when the server does not answer, no user of the pool asks it again."""
        try:
            with self._turn() as state:
                pid = _request(self.sock, job, fds) if state.read() == READY else None
                if pid is None:
                    _write(state, GONE)
        except OSError:  # its folder is gone: the run's main process has stopped it
            pid = None
        if pid is None:
            raise GraderBroken("the fork server did not answer")
        return _outside(self.pid, pid) if self.isolation.bubblewrap else pid

    def close(self) -> None:
        """Nothing to do here: the server belongs to the run's main process."""


def _write(state: TextIO, found: str) -> None:
    state.seek(0)
    state.truncate()
    state.write(found)
    state.flush()


def _said_ready(sock: socket.socket, seconds: float) -> bool:
    """Whether the server's first line, within ``seconds``, says it is ready (torch imported)."""
    sock.settimeout(seconds)
    try:
        return json.loads(_line(sock) or b"{}").get("ready") is True
    except (OSError, ValueError):  # TimeoutError is an OSError
        return False


def _request(sock: socket.socket, job: dict, fds: tuple[int, int]) -> int | None:
    """Ask the server for a worker: its pid as the server sees it, None when the server does not answer."""
    sock.settimeout(FORK_SECONDS)
    try:
        socket.send_fds(sock, [json.dumps(job).encode()], list(fds))
        line = _line(sock)
        return int(json.loads(line)["pid"]) if line else None
    except (OSError, ValueError, KeyError):
        return None


def _line(sock: socket.socket) -> bytes:
    """One line from the server (it says exactly one line per request, so nothing is read past it); b"" at EOF."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            return b""
        data += chunk
    return data


def _outside(server: int, inner: int) -> int:
    """The pid this process knows a job's process by, from the pid the ``server`` (bubblewrap's pid out here)
    gave it inside the sandbox's own PID namespace (which names another process out here, or none); 0 when the
    job is already gone."""
    queue = _children(server)
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
