"""Grading a class on a real Dask cluster (a scheduler and two workers on loopback) gives the local results."""
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, free_port, gradebook_rows as rows, make_course

BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.slow, pytest.mark.integration]  # a scheduler, two workers and two graded classes (~70 s)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    processes = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=open(logs / "scheduler.log", "w"))]
    for n in range(2):
        processes.append(subprocess.Popen(
            [str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
             "--name", f"w{n}", "--local-directory", str(logs / f"w{n}")],
            stdout=subprocess.DEVNULL, stderr=open(logs / f"worker{n}.log", "w")))
    from distributed import Client

    deadline = time.monotonic() + 120
    with Client(address, timeout="60s") as client:
        while len(client.scheduler_info()["workers"]) < 2:
            assert time.monotonic() < deadline, "dask workers did not start"
            time.sleep(0.5)
    yield address
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def autograded(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted((root / "autograded").rglob("*.ipynb"))}


def test_dask_grading_matches_local_grading(tmp_path, cluster):
    local = make_course(tmp_path / "local")
    remote = make_course(tmp_path / "remote")
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--workers", "1"], cwd=local,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--scheduler", cluster],
                          cwd=remote, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert rows(remote) == rows(local)
    local_files = {str(k): v for k, v in autograded(local).items()}
    remote_files = {str(k): v for k, v in autograded(remote).items()}
    assert local_files == remote_files and len(local_files) == 5
