"""How a worker is kept apart from the judge and from other submissions: bubblewrap, job uids, a clean environment.

Nothing here talks to a worker; ``forkserver`` and ``handle`` use these pieces to start and kill one.
"""
from __future__ import annotations

import fcntl
import functools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import GraderBroken


def user_process_count() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count


def clean_environment(home: str) -> dict[str, str]:
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


def bubblewrap_prefix(jobs: Path, script: Path, inside: str, isolation: Isolation,
                      gpu_nodes: list[str] | None = None) -> list[str]:
    """bwrap arguments that show the worker only the system, the Python it runs, its jobs folder, and
    ``script`` (the worker program) at the path ``inside``.

    With ``gpu_nodes`` (for CUDA: ``gpu_device_nodes()``) those device nodes and ``/sys`` (read-only;
    the CUDA driver reads the PCI topology there) are visible too.
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
    if gpu_nodes is not None:
        for node in gpu_nodes:
            args += ["--dev-bind", node, node]
        args += ["--ro-bind-try", "/sys", "/sys"]
    # --die-with-parent: the kernel kills the sandbox (its PID namespace, so every process in it) when the
    # process that started bwrap dies, by any signal: a grader killed with SIGKILL leaves nothing running
    args += ["--ro-bind", str(script), inside,
             "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]
    if isolation.job_uids:
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user"] if os.getuid() != 0 else ["--cap-drop", "ALL"]
    return args + ["--"]


def kill_uid(uid: int, wait: bool = True) -> None:
    """SIGKILL every process of ``uid`` (a job's own uid): nothing a submission started survives it.

    ``wait``: look again until none is left (killed processes take a few ms to go); else one pass."""
    for attempt in range(7 if wait else 1):
        found = False
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        os.kill(int(entry.name), signal.SIGKILL)
                        found = True
                except OSError:
                    pass
        if not found or not wait:
            return
        time.sleep(0.002 * 2 ** attempt)  # a killed process is usually reaped within a few ms: look again soon
