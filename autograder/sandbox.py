"""Start, talk to and kill the worker process that runs one submission.

Each worker is a fresh process forked from a clean fork server (``python -I``,
torch already imported), in its own session (so the whole session can be
killed), in a fresh temporary directory, under rlimits on address space, CPU
seconds, file size and process count, with a scrubbed environment.  The judge
talks to it over two pipes it owns; every reply is read with
``torch.load(weights_only=True)`` and a wall-clock deadline.
"""
from __future__ import annotations

import fcntl
import functools
import io
import json
import os
import random
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


class GraderBroken(Exception):
    """The grading machine cannot run workers (the fork server will not start, CUDA fails in the sandbox):
    no student's fault, so nothing is recorded and the next run grades again."""


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
        "CUBLAS_WORKSPACE_CONFIG": ":4096:8",  # lets cuBLAS be deterministic (torch.use_deterministic_algorithms)
    }


@dataclass(frozen=True)
class Isolation:
    """How workers are isolated on this machine."""

    bubblewrap: bool  # own mount, network, PID and IPC namespaces; read-only view of only what runs Python
    job_uids: bool  # each job runs under a uid of its own (needs root)

    def describe(self) -> str:
        if not self.bubblewrap:
            return "reduced isolation (subprocess + rlimits only): install bubblewrap for the full sandbox"
        return "bubblewrap sandbox" + (", one uid per submission" if self.job_uids else "")


FORK_SECONDS = 60.0  # for the fork server to answer a request for a worker, even on a loaded machine
JOB_UID_BASE = 200_000  # far above real accounts
JOB_UID_COUNT = 10_000
UID_LOCKS = Path("/run/autograder-uids")  # one lock file per uid in use, shared by every grader on the machine


class JobUid:
    """A uid held exclusively (a file lock) for one job, by whichever grading process on this machine asks."""

    def __init__(self) -> None:
        UID_LOCKS.mkdir(mode=0o700, exist_ok=True)
        start = random.randrange(JOB_UID_COUNT)
        for offset in range(JOB_UID_COUNT):
            uid = JOB_UID_BASE + (start + offset) % JOB_UID_COUNT
            lock = open(UID_LOCKS / str(uid), "a")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.close()
                continue
            self.uid, self._lock = uid, lock
            kill_uid(uid)  # whatever a crashed earlier holder left behind
            return
        raise GraderBroken("every sandbox uid is in use (too many graders on this machine at once)")

    def release(self) -> None:
        kill_uid(self.uid)
        self._lock.close()


@functools.cache
def detect_isolation() -> Isolation:
    """bubblewrap when it works here (root, or unprivileged user namespaces), else rlimits only.

    ``AUTOGRADER_SANDBOX=none`` forces the reduced mode (e.g. to compare).
    """
    if os.environ.get("AUTOGRADER_SANDBOX") == "none" or shutil.which("bwrap") is None:
        return Isolation(False, False)
    root = os.getuid() == 0
    probe = [bwrap_executable(), "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--proc", "/proc", "--dev", "/dev",
             *([] if root else ["--unshare-user"]), "--", "/bin/true"]
    try:
        works = subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        works = False
    return Isolation(works, works and root)


def bwrap_executable() -> str:
    """bwrap found on the grader's PATH, as an absolute path: the worker starts with a clean PATH of its own."""
    return shutil.which("bwrap") or "bwrap"


def _parents(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if p != Path("/")]


def gpu_device_nodes() -> list[str]:
    """The NVIDIA device nodes a CUDA worker needs (``nvidiactl``, ``nvidia-uvm``, one per GPU)."""
    return sorted(str(p) for p in Path("/dev").glob("nvidia*") if not p.is_dir())


def bubblewrap_prefix(jobs: Path, worker_script: str, isolation: Isolation, cuda: bool = False) -> list[str]:
    """bwrap arguments that show the worker only the system, the Python it runs, and its jobs folder.

    With ``cuda`` the GPU's device nodes and ``/sys`` (read-only; the CUDA driver reads the PCI
    topology there) are visible too.
    """
    args = [bwrap_executable(), "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        top = Path("/", name)
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    args += ["--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--tmpfs", "/tmp", "--perms", "0755", "--tmpfs", "/root", "--perms", "0755", "--tmpfs", "/home"]
    made: set[Path] = {Path("/tmp"), Path("/root"), Path("/home"), Path("/usr"), Path("/etc")}
    # the interpreter, the venv and the jobs folder, each at its own path (venv scripts name absolute paths)
    for source in dict.fromkeys([Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), jobs]):
        for parent in _parents(source):
            if parent not in made:
                args += ["--perms", "0755", "--dir", str(parent)]
            made.add(parent)
        args += ["--bind" if source == jobs else "--ro-bind", str(source), str(source)]
        made.add(source)
    if cuda:
        for node in gpu_device_nodes():
            args += ["--dev-bind", node, node]
        args += ["--ro-bind-try", "/sys", "/sys"]
    args += ["--ro-bind", str(WORKER_SCRIPT), worker_script,
             "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]
    if isolation.job_uids:
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user"] if os.getuid() != 0 else ["--cap-drop", "ALL"]
    return args + ["--"]


def kill_uid(uid: int) -> None:
    """SIGKILL every process of ``uid`` (a job's own uid): nothing a submission started survives it."""
    for _ in range(5):
        found = False
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        os.kill(int(entry.name), signal.SIGKILL)
                        found = True
                except OSError:
                    pass
        if not found:
            return
        time.sleep(0.02)


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

    INSIDE_SCRIPT = "/opt/autograder/worker.py"

    def __init__(self, isolation: Isolation | None = None, start_seconds: float = 120.0, cuda: bool = False,
                 preload: list[str] = ()) -> None:
        self.isolation = isolation or detect_isolation()
        self.cuda = cuda  # workers may use the GPU (torch is imported here, CUDA never initialized)
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.home = tempfile.mkdtemp(prefix="autograder-forkserver-")
        self.jobs = Path(self.home, "jobs")
        self.jobs.mkdir(mode=0o711)  # job uids may enter their own folder, never list the others
        script = str(WORKER_SCRIPT)
        prefix: list[str] = []
        if self.isolation.bubblewrap:
            script = self.INSIDE_SCRIPT
            prefix = bubblewrap_prefix(self.jobs, script, self.isolation, cuda)
        # what the server says before it is ready (bwrap's own errors, a failed import) explains a failed start
        log = Path(self.home, "start.log")
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [*prefix, sys.executable, "-I", script, "--fork-server", str(theirs.fileno()),
                 *(["--preload", ",".join(preload)] if preload else [])],
                cwd=self.home, env=_clean_environment(self.home), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=stderr, pass_fds=(theirs.fileno(),),
                start_new_session=True,
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

    def new_job(self) -> tuple[Path, JobUid | None]:
        """A fresh job folder, and the uid the job will run under (None: the server's own)."""
        job_dir = Path(tempfile.mkdtemp(prefix="job-", dir=self.jobs))
        return job_dir, JobUid() if self.isolation.job_uids else None

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
        job_dir, self._job_uid = server.new_job()
        self.uid = self._job_uid.uid if self._job_uid else None
        self.job_dir = str(job_dir)
        work = job_dir / "work"  # the student's cwd, HOME and TMPDIR
        if files is not None:
            shutil.copytree(files, work, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
        work.mkdir(exist_ok=True)
        (job_dir / "cells.json").write_text(cells_json, encoding="utf-8")
        if self.uid is not None:
            for path in [job_dir, *job_dir.rglob("*")]:
                os.chown(path, self.uid, self.uid, follow_symlinks=False)
            job_dir.chmod(0o700)
        to_worker_r, self._to_worker = os.pipe()
        self._from_worker, from_worker_w = os.pipe()
        job = {
            "job_dir": self.job_dir,
            "work": str(work),
            "uid": self.uid,
            "env": _clean_environment(str(work)),
            "cuda": server.cuda,
            "limits": {
                # the CUDA driver reserves far more address space than it uses: no such limit with a GPU
                "address_space_bytes": None if server.cuda else limits.address_space_bytes,
                "cpu_seconds": limits.cpu_seconds,
                "file_size_bytes": limits.file_size_bytes,
                # RLIMIT_NPROC counts every process of the uid: a job's own uid starts from zero
                "processes": limits.processes + (0 if self.uid is not None else _user_process_count()),
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
        if self.uid is not None:
            kill_uid(self.uid)  # also what left the session (setsid daemons)
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
        if self._job_uid is not None:
            self._job_uid.release()
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
