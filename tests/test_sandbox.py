"""The grading sandbox: how bubblewrap is started, which devices it lets in, and a fork server or GPU it cannot start.

Nothing here patches the sandbox's modules: a test builds the ``Launcher`` (or ``ForkServer``) it needs,
for instance on a stand-in worker script, and hands it to the grader.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import corpus, pool
from autograder.devices import cuda_available
from autograder.grader import Grader
from autograder.sandbox import GraderBroken, Isolation, Launcher, WorkerGone, detect_isolation
from autograder.sandbox.handle import settle_closed
from autograder.sandbox.forkserver import ForkServer
from autograder.sandbox.isolation import bubblewrap_prefix

from helpers import CORRECT, REPO, TOY

NODES = ["/dev/nvidia0", "/dev/nvidiactl", "/dev/nvidia-uvm"]


def test_cuda_workers_see_the_gpu_device_nodes(tmp_path):
    isolation = Isolation(bubblewrap=True, job_uids=True)
    plain = bubblewrap_prefix(tmp_path, Path("w.py"), "/opt/w.py", isolation)
    gpu = bubblewrap_prefix(tmp_path, Path("w.py"), "/opt/w.py", isolation, gpu_nodes=NODES)
    assert "--dev-bind" not in plain and "/sys" not in plain
    assert [gpu[i + 1] for i, a in enumerate(gpu) if a == "--dev-bind"] == NODES
    assert gpu[gpu.index("--ro-bind-try") + 1] == "/sys"


def test_the_sandbox_dies_with_the_grader_and_starts_the_given_script(tmp_path):
    prefix = bubblewrap_prefix(tmp_path, Path("/x/w.py"), "/opt/w.py", Isolation(bubblewrap=True, job_uids=False))
    assert "--die-with-parent" in prefix and "--unshare-pid" in prefix
    assert prefix[prefix.index("/x/w.py") + 1] == "/opt/w.py"


def test_the_sandbox_starts_bwrap_by_absolute_path(monkeypatch, tmp_path):
    # workers run with a clean PATH of their own: a bwrap found only on the grader's PATH must still start
    monkeypatch.setenv("PATH", f"{tmp_path}/tools")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "bwrap").write_text("#!/bin/sh\n")
    (tmp_path / "tools" / "bwrap").chmod(0o755)
    prefix = bubblewrap_prefix(tmp_path, Path("w.py"), "/opt/w.py", Isolation(bubblewrap=True, job_uids=False))
    assert prefix[0] == f"{tmp_path}/tools/bwrap"


def test_a_fork_server_that_dies_at_start_says_why(tmp_path):
    broken = tmp_path / "worker.py"
    broken.write_text("import sys\nsys.stderr.write('bwrap: Can\\'t mount proc on /newroot/proc\\n')\nsys.exit(3)\n")
    with pytest.raises(GraderBroken) as failure:
        ForkServer(start_seconds=60, script=broken)
    assert str(failure.value) == "the fork server exited with status 3 before it was ready: bwrap: Can't mount proc on /newroot/proc"


def test_a_machine_that_cannot_grade_records_nothing(tmp_path, toy_source):
    # the fork server cannot start: the whole class would get zeros; instead each grading is the grader's error
    broken = tmp_path / "worker.py"
    broken.write_text("import sys\nsys.exit(1)\n")
    grader = Grader("toy", TOY / "toy.ipynb", checks=TOY / "checks", launcher=Launcher(script=broken))
    notebook = nbformat.writes(corpus.apply(toy_source, CORRECT))
    result = pool.run_task(pool.Task("toy", TOY / "toy.ipynb", notebook_json=notebook, label="s.ipynb"), grader)
    assert result.internal_error and "fork server exited with status 1" in result.output
    assert result.max_score > 0 and result.score == 0  # one row per check, none recorded


@pytest.mark.skipif(cuda_available(), reason="this machine has CUDA: the probe would pass")
def test_grading_on_cuda_where_the_sandbox_cannot_reach_a_gpu_records_nothing(toy_source):
    # demanded CUDA that a sandboxed worker cannot use: every CUDA check would fail for every student
    grader = Grader("toy", TOY / "toy.ipynb", checks=TOY / "checks", devices=("cpu", "cuda"))
    notebook = nbformat.writes(corpus.apply(toy_source, CORRECT))
    task = pool.Task("toy", TOY / "toy.ipynb", notebook_json=notebook, label="s.ipynb", devices=("cpu", "cuda"))
    try:
        result = pool.run_task(task, grader)
        again = pool.run_task(task, grader)  # probed again, not graded on a server that cannot work
    finally:
        grader.close()
    assert result.internal_error and "CUDA does not work inside the sandbox" in result.output
    assert again.internal_error and "CUDA does not work inside the sandbox" in again.output


@pytest.mark.parametrize("isolation", [Isolation(bubblewrap=True, job_uids=True), Isolation(False, False)],
                         ids=["bubblewrap", "no-sandbox"])
def test_a_worker_is_known_by_its_own_pid_here_and_is_gone_once_its_closing_settles(isolation):
    # inside bubblewrap's PID namespace the fork server numbers jobs 3, 4...: out here those pids are other processes
    if isolation.bubblewrap and not detect_isolation().job_uids:
        pytest.skip("bubblewrap with job uids needs root")
    with Launcher(isolation=isolation) as launcher:
        worker = launcher.start([{"index": 0, "source": "x = 1"}])
        while worker.receive(60).get("event") != "ready":
            pass
        status = Path(f"/proc/{worker.pid}/status").read_text()
        assert f"PPid:\t{os.getpid()}" not in status  # a process of the sandbox, not one of this process's children
        if isolation.bubblewrap:
            assert int(status.split("Uid:")[1].split()[0]) == worker.uid  # the job's own uid: its session leader
        else:
            assert os.getsid(worker.pid) == worker.pid
        job = Path(worker.job_dir)
        worker.close()  # returns at once: the rest happens on the closing thread
        settle_closed()
        assert not Path(f"/proc/{worker.pid}").exists() and not job.exists()


def _ready_worker(launcher: Launcher):
    worker = launcher.start([{"index": 0, "source": "x = 1"}])
    while worker.receive(60).get("event") != "ready":
        pass
    return worker


def _ancestors(pid: int) -> list[int]:
    found = []
    while pid > 1:
        pid = int(Path(f"/proc/{pid}/status").read_text().split("PPid:")[1].split()[0])
        found.append(pid)
    return found


def _worker_in_a_pool_process(_) -> tuple[bool, list[int], int]:
    """In a pool's process: start a worker as its graders do; whether it came from one of the pool's shared fork
    servers, its ancestors out here, and this process's pid."""
    with Launcher(shared=pool._fork_servers) as launcher, _ready_worker(launcher) as worker:
        return launcher.server() in pool._fork_servers, _ancestors(worker.pid), os.getpid()


def test_a_pools_processes_fork_their_workers_from_the_one_server_the_run_started():
    server = ForkServer(wait=False)  # it imports torch while the pool's processes start
    try:
        with pool.warm_pool(2, (server.share(),)) as processes:
            found = list(processes.map(_worker_in_a_pool_process, range(6)))
    finally:
        server.close()
    assert all(shared and server.process.pid in ancestors for shared, ancestors, _ in found), found
    assert len({process for _, _, process in found}) > 1  # each pool process, not one of them alone


def _grader_takes_the_share(task: pool.Task) -> tuple[bool, bool]:
    """In a pool's process: whether the grader its gradings of ``task``'s notebook get uses the run's server, and
    whether making it imported nbgrader."""
    import sys

    launcher = pool.grader_for(task.assignment, task.source, task.limits, task.devices, task.released).launcher
    return bool(launcher.shared) and launcher.shared[0] in pool._fork_servers, "nbgrader" in sys.modules


@pytest.mark.parametrize("devices", [("cpu",), ("cpu", "meta")])
def test_the_graders_of_a_pooled_run_take_the_servers_the_run_started_for_them(devices):
    # the run's main process and each grader work out the kind of server a notebook needs on their own sides
    from autograder import notebook as nb

    source = REPO / "source" / "01_view_reshape" / "01_view_reshape.ipynb"
    released = tuple(nb.released_answers(nb.read_source(source)).items())
    tasks = [pool.Task("01_view_reshape", source, source, devices=devices, released=released)] * 2
    with pool.shared_fork_servers(tasks) as servers, pool.warm_pool(2, servers) as processes:
        found = list(processes.map(_grader_takes_the_share, tasks))
    assert len(servers) == 1 and found == [(True, False)] * 2  # and no nbgrader: a second of each process's start


def test_a_launcher_whose_shared_fork_server_never_started_starts_its_own():
    server = ForkServer(wait=False)
    share = server.share()
    os.killpg(server.process.pid, 9)  # gone before it said it was ready
    try:
        with Launcher(shared=(share,)) as launcher, _ready_worker(launcher):
            assert isinstance(launcher.server(), ForkServer) and not share.ready()
    finally:
        server.close()


def _tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _running(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def kill_and_wait(server: ForkServer) -> None:
    """Kill ``server`` (its bubblewrap process group) and wait until none of its processes is left: the server
    itself, inside the sandbox's PID namespace, dies a moment after bubblewrap, and answers until then."""
    processes = _tree(server.process.pid)
    os.killpg(server.process.pid, 9)
    server.process.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in processes[1:]):
        assert time.monotonic() < deadline, "the fork server outlived bubblewrap"
        time.sleep(0.01)


def test_a_shared_fork_server_that_stops_answering_is_not_asked_again():
    server = ForkServer(wait=False)
    share = server.share()
    try:
        with Launcher(shared=(share,)) as launcher:
            with _ready_worker(launcher):
                assert launcher.server() is share
            kill_and_wait(server)
            with pytest.raises(GraderBroken, match="did not answer"):  # the grading that meets it: the grader's error
                launcher.start([{"index": 0, "source": "x = 1"}])
            with _ready_worker(launcher):  # the next ones: a server of this process's own
                assert isinstance(launcher.server(), ForkServer)
            assert not share.ready()
    finally:
        server.close()


def test_a_server_folder_whose_owner_is_a_zombie_is_a_leftover(tmp_path, monkeypatch):
    # a run killed with SIGKILL leaves its pool processes as zombies until whoever inherits them reaps them: their
    # /proc entries (and start times) are still there, but nothing of them can remove their servers' folders
    from autograder.sandbox import forkserver

    monkeypatch.setattr(forkserver.tempfile, "tempdir", str(tmp_path))
    owner = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        alive, kept = (tmp_path / (forkserver.HOME_PREFIX + name) for name in ("zombie", "mine"))
        for home, pid in ((alive, owner.pid), (kept, os.getpid())):
            home.mkdir()
            (home / forkserver.OWNER_FILE).write_text(f"{pid} {forkserver._started(pid)}")
        forkserver.remove_leftovers()
        assert alive.is_dir() and kept.is_dir()  # a running owner keeps its folder
        owner.stdin.close()
        deadline = time.monotonic() + 30
        while _running(owner.pid):  # it ends as a zombie: this test reaps it only at the end
            assert time.monotonic() < deadline, "the owner did not end"
            time.sleep(0.02)
        forkserver.remove_leftovers()
        assert not alive.exists() and kept.is_dir()
    finally:
        owner.kill()
        owner.wait()


def test_a_worker_killed_as_soon_as_it_is_started_is_gone():
    # the fork server answers with the worker's pid before the worker has made itself a session leader: killing
    # only its (not yet existing) process group would leave it running until it found its pipes closed
    with Launcher() as launcher:
        for _ in range(5):
            worker = launcher.start([{"index": 0, "source": "import time\ntime.sleep(30)"}])
            started = time.monotonic()
            worker.kill(wait=True)
            assert not _running(worker.pid) and time.monotonic() - started < 2
            worker.close()


def test_a_worker_starts_even_when_the_process_forked_ahead_for_it_died_waiting():
    # the fork server forks each job's process before the job comes: one killed meanwhile (the OOM killer) is
    # replaced, and its exit status is not taken for the job's
    with Launcher(isolation=Isolation(False, False)) as launcher:
        server = launcher.server().process.pid
        with _ready_worker(launcher):
            pass
        settle_closed()
        spares = [int(p) for p in Path(f"/proc/{server}/task/{server}/children").read_text().split()]
        assert len(spares) == 1
        os.kill(spares[0], 9)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{spares[0]}").exists():  # reaped by the server
            assert time.monotonic() < deadline
            time.sleep(0.01)
        worker = launcher.start([{"index": 0, "source": "import os\nos._exit(5)"}])
        with pytest.raises(WorkerGone, match="exited with code 5"):
            while worker.receive(60).get("event") != "ready":
                pass
        assert worker.pid != spares[0]
        worker.close()
