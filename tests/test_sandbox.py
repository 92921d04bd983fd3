"""The grading sandbox: how bubblewrap is started, which devices it lets in, and a fork server or GPU it cannot start."""
import nbformat
import pytest

from autograder import corpus, pool, sandbox
from autograder.devices import cuda_available

from helpers import CORRECT, TOY


def with_answers(source, **answers):
    """corpus.apply with keyword arguments: these tests' bodies moved here from test_devices.py unchanged."""
    return corpus.apply(source, answers)


def test_cuda_workers_see_the_gpu_device_nodes(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, "gpu_device_nodes", lambda: ["/dev/nvidia0", "/dev/nvidiactl", "/dev/nvidia-uvm"])
    isolation = sandbox.Isolation(bubblewrap=True, job_uids=True)
    plain = sandbox.bubblewrap_prefix(tmp_path, "/opt/w.py", isolation)
    gpu = sandbox.bubblewrap_prefix(tmp_path, "/opt/w.py", isolation, cuda=True)
    assert "--dev-bind" not in plain
    assert [gpu[i + 1] for i, a in enumerate(gpu) if a == "--dev-bind"] == ["/dev/nvidia0", "/dev/nvidiactl", "/dev/nvidia-uvm"]


def test_the_sandbox_starts_bwrap_by_absolute_path(monkeypatch, tmp_path):
    # workers run with a clean PATH of their own: a bwrap found only on the grader's PATH must still start
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: f"/opt/tools/{name}")
    prefix = sandbox.bubblewrap_prefix(tmp_path, "/opt/w.py", sandbox.Isolation(bubblewrap=True, job_uids=False))
    assert prefix[0] == "/opt/tools/bwrap"


def test_a_fork_server_that_dies_at_start_says_why(monkeypatch, tmp_path):
    broken = tmp_path / "worker.py"
    broken.write_text("import sys\nsys.stderr.write('bwrap: Can\\'t mount proc on /newroot/proc\\n')\nsys.exit(3)\n")
    monkeypatch.setattr(sandbox, "WORKER_SCRIPT", broken)
    with pytest.raises(sandbox.GraderBroken) as broken:
        sandbox.ForkServer(start_seconds=60)
    assert str(broken.value) == "the fork server exited with status 3 before it was ready: bwrap: Can't mount proc on /newroot/proc"


def test_a_machine_that_cannot_grade_records_nothing(monkeypatch, tmp_path, toy_source):
    # the fork server cannot start: the whole class would get zeros; instead each grading is the grader's error
    broken = tmp_path / "worker.py"
    broken.write_text("import sys\nsys.exit(1)\n")
    monkeypatch.setattr(sandbox, "WORKER_SCRIPT", broken)
    monkeypatch.setattr(pool, "_graders", {})
    notebook = nbformat.writes(with_answers(toy_source, **CORRECT))
    result = pool.run_task(pool.Task("toy", TOY / "toy.ipynb", notebook_json=notebook, label="s.ipynb"))
    assert result.internal_error and "fork server exited with status 1" in result.output


@pytest.mark.skipif(cuda_available(), reason="this machine has CUDA: the probe would pass")
def test_grading_on_cuda_where_the_sandbox_cannot_reach_a_gpu_records_nothing(monkeypatch, toy_source):
    # demanded CUDA that a sandboxed worker cannot use: every CUDA check would fail for every student
    monkeypatch.setattr(pool, "_graders", {})
    notebook = nbformat.writes(with_answers(toy_source, **CORRECT))
    task = pool.Task("toy", TOY / "toy.ipynb", notebook_json=notebook, label="s.ipynb", devices=("cpu", "cuda"))
    result = pool.run_task(task)
    assert result.internal_error and "CUDA does not work inside the sandbox" in result.output


