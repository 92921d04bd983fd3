"""The sandbox: where student code runs, and the judge's end of it.

- ``worker.py``     the sandboxed process and the wire protocol (frames, ops, events, encodings);
                    it imports nothing from this package
- ``isolation.py``  bubblewrap arguments, job uids, killing what a job left, a clean environment
- ``forkserver.py`` the warm process workers are forked from, and the socket to it
- ``handle.py``     ``WorkerHandle``: read a worker's frames under a deadline, send requests, kill it
- ``launcher.py``   ``Launcher``: what the grader is given to start a worker for a notebook
"""
from .errors import GraderBroken, WorkerGone
from .handle import WorkerHandle
from .isolation import JOB_UID_BASE, JOB_UID_COUNT, UID_LOCKS, Isolation, detect_isolation
from .launcher import Launcher
from .limits import Limits

__all__ = ["GraderBroken", "Isolation", "JOB_UID_BASE", "JOB_UID_COUNT", "Launcher", "Limits", "UID_LOCKS",
           "WorkerGone", "WorkerHandle", "detect_isolation"]
