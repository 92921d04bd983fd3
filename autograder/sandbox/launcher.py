"""Starting workers: what the grader is given to run a submission's notebook in the sandbox.

A ``Launcher`` owns one assignment's warm fork server and prepares each job: a fresh folder with
the notebook's cells and the assignment's data, a uid of its own where the machine allows, the
limits.  Tests hand the grader a launcher of their own (a stand-in worker script, a reduced sandbox)
instead of patching this module.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .errors import GraderBroken, WorkerGone
from .forkserver import WORKER_SCRIPT, ForkServer, SharedForkServer
from .handle import WorkerHandle, settle_closed
from .isolation import Isolation, JobUid, clean_environment, user_process_count
from .limits import Limits

CUDA_PROBE = "import torch\nassert (torch.ones(2, device='cuda') * 2).sum().item() == 4"


class Launcher:
    """Starts one sandboxed worker per ``start``; the fork server starts on first use and again if it died.

    ``shared``: fork servers this process may use instead of starting its own (a pool's, ``SharedForkServer``);
    the one started with this launcher's settings serves it for as long as it answers.
    """

    def __init__(self, limits: Limits = Limits(), *, cuda: bool = False, preload: list[str] = (),
                 files: Path | None = None, isolation: Isolation | None = None, script: Path = WORKER_SCRIPT,
                 start_seconds: float = 120.0, shared: tuple[SharedForkServer, ...] = ()) -> None:
        self.limits = limits
        self.cuda = cuda  # workers may use the GPU
        self.preload = list(preload)  # modules the fork server imports once (the notebook's imports)
        self.files = files  # the assignment's data, copied into every job's working folder
        self.isolation = isolation
        self.script = script
        self.start_seconds = start_seconds
        self.shared = [s for s in shared if s.serves(cuda, self.preload, script)
                       and (isolation is None or s.isolation == isolation)]
        self._server: ForkServer | SharedForkServer | None = None

    def server(self) -> ForkServer | SharedForkServer:
        """The warm fork server: a shared one while it answers, else one of this process's, started on first use
        and again if it died."""
        if self._server is None or not self._server.alive():
            while self.shared and not self.shared[0].ready():  # it did not start, or stopped answering
                self.shared.pop(0)
            if self.shared:
                self._server = self.shared[0]
            else:
                self._server = ForkServer(self.isolation, self.start_seconds, self.cuda, self.preload, self.script)
            if self.cuda:
                try:
                    self._probe_cuda()
                except GraderBroken:
                    self.close()  # so the next grading probes again instead of using a server that cannot work
                    raise
        return self._server

    def start(self, cells: list[dict]) -> WorkerHandle:
        """A worker that starts running ``cells`` (``{"index", "source"}`` dicts) at once; read its events."""
        server = self.server()
        job_dir = Path(tempfile.mkdtemp(prefix="job-", dir=server.jobs))
        job_uid = JobUid() if server.isolation.job_uids else None
        uid = job_uid.uid if job_uid else None
        work = job_dir / "work"  # the student's cwd, HOME and TMPDIR
        if self.files is not None:
            shutil.copytree(self.files, work, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
        work.mkdir(exist_ok=True)
        (job_dir / "cells.json").write_text(json.dumps(cells), encoding="utf-8")
        if uid is not None:
            for path in [job_dir, *job_dir.rglob("*")]:
                os.chown(path, uid, uid, follow_symlinks=False)
            job_dir.chmod(0o700)
        limits = self.limits
        job = {
            "job_dir": str(job_dir),
            "work": str(work),
            "uid": uid,
            "env": clean_environment(str(work)),
            "cuda": self.cuda,
            "limits": {
                # the CUDA driver reserves far more address space than it uses: no such limit with a GPU
                "address_space_bytes": None if self.cuda else limits.address_space_bytes,
                "cpu_seconds": limits.cpu_seconds,
                "file_size_bytes": limits.file_size_bytes,
                # RLIMIT_NPROC counts every process of the uid: a job's own uid starts from zero
                "processes": limits.processes + (0 if uid is not None else user_process_count()),
            },
        }
        to_worker_r, to_worker = os.pipe()
        from_worker, from_worker_w = os.pipe()
        handle = WorkerHandle(limits, job_dir, job_uid, to_worker, from_worker)
        try:
            handle.pid = server.fork(job, (to_worker_r, from_worker_w))
        except BaseException:
            handle.close()
            raise
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        return handle

    def _probe_cuda(self) -> None:
        """A sandboxed worker must reach the GPU before any student is graded on it: else every CUDA check
        would fail for everyone (device nodes not passed through, a driver the job's uid cannot open...)."""
        with self.start([{"index": 0, "source": CUDA_PROBE}]) as worker:
            try:
                while (event := worker.receive(self.limits.notebook_seconds)).get("event") != "ready":
                    if event.get("error"):
                        error = event["error"]
                        raise GraderBroken(f"CUDA does not work inside the sandbox: {error.get('type')}: {error.get('message')}")
            except WorkerGone as exc:
                raise GraderBroken(f"CUDA does not work inside the sandbox: the probe worker {exc}") from None

    def close(self) -> None:
        settle_closed()  # the workers closed last are gone before their server is stopped
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> "Launcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
