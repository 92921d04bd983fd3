"""Device-parametrized checks: where they run, how they share points, and the device bugs they catch on a CPU."""
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, TOY, with_answers

from autograder import pool, sandbox
from autograder.cli import main
from autograder.devices import cuda_available, grading_devices
from autograder.grader import Grader, split_points
from autograder.sandbox import Limits

CHECKS = REPO / "tests" / "fixtures" / "device_checks"
CORRECT = {"double": "def double(x):\n    return x * 2", "first_row": "def first_row(x):\n    return x[0]"}


@pytest.fixture(scope="module")
def device_grader():
    return Grader("toy", TOY / "toy.ipynb", Limits(notebook_seconds=8, call_seconds=3), checks=CHECKS)


def failures(result) -> dict[str, str]:
    return {c.name: c.message for p in result.parts for c in p.checks if not c.passed}


def test_device_checks_run_on_cpu_and_meta_and_share_one_checks_points(device_grader, toy_source):
    result = device_grader.grade_notebook(with_answers(toy_source, **CORRECT), Path("s.ipynb"))
    double = result.part("test_double")
    assert [c.check for c in double.checks] == [
        "doubles_values", "keeps_the_input_device[cpu]", "keeps_the_input_device[meta]"]
    assert [c.max_score for c in double.checks] == [1, Fraction(1, 2), Fraction(1, 2)]
    assert result.score == result.max_score


@pytest.mark.parametrize("answer, check, words", [
    ("def double(x):\n    return (x * 2).cpu()", "keeps_the_input_device[meta]", "meta"),
    ("def double(x):\n    return x * 2 + torch.zeros(x.shape)", "keeps_the_input_device[meta]", "device"),
    ("def double(x):\n    return torch.tensor(x.tolist()) * 2", "keeps_the_input_device[meta]", "meta"),
])
def test_device_bugs_are_caught_without_a_gpu(device_grader, toy_source, answer, check, words):
    result = device_grader.grade_notebook(with_answers(toy_source, **{**CORRECT, "double": answer}), Path("s.ipynb"))
    failed = failures(result)
    assert set(failed) == {f"test_double::{check}"}
    assert words in failed[f"test_double::{check}"]


def test_the_meta_probe_accepts_missing_data_but_not_a_device_mismatch(device_grader, toy_source):
    needs_values = "def first_row(x):\n    assert x.sum().item() != 1e9\n    return x[0]"
    result = device_grader.grade_notebook(with_answers(toy_source, **{**CORRECT, "first_row": needs_values}), Path("s.ipynb"))
    assert result.score == result.max_score
    mismatch = "def first_row(x):\n    return x[0] + torch.ones(x.shape[1])"
    result = device_grader.grade_notebook(with_answers(toy_source, **{**CORRECT, "first_row": mismatch}), Path("s.ipynb"))
    assert set(failures(result)) == {"test_first_row::first_row_survives_meta[meta]"}


def test_split_points_weighs_a_parametrized_check_as_one():
    shares = split_points(Fraction(3), ["a", "b[cpu]", "b[cuda]", "b[meta]", "c"])
    assert shares == [1, Fraction(1, 3), Fraction(1, 3), Fraction(1, 3), 1]
    assert sum(shares) == 3


def test_stub_zero_has_one_row_per_device_variant(device_grader):
    names = {f"{p}::{c}" for p, c in device_grader.check_names()}
    assert "test_double::keeps_the_input_device[meta]" in names and "test_double::keeps_the_input_device[cpu]" in names


@pytest.mark.skipif(cuda_available(), reason="this machine has CUDA: the refusal only happens without it")
def test_device_cuda_without_cuda_is_a_one_line_usage_error(capsys):
    assert grading_devices("auto") == ("cpu",)
    # on a Dask cluster the GPUs are on the workers: cuda is taken at its word, auto stays on the CPU
    assert grading_devices("cuda", cluster=True) == ("cpu", "cuda")
    assert grading_devices("auto", cluster=True) == ("cpu",)
    code = main(["--course", str(REPO), "grade", "01_view_reshape", str(REPO / "solutions/01_view_reshape/01_view_reshape.ipynb"),
                 "--device", "cuda"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--device cuda" in err[0]


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


def test_workers_run_deterministic_kernels_without_tf32(toy_grader, toy_source):
    from autograder import notebook as nb
    from autograder.grader import Execution
    from autograder.student import Session, Student

    flags = ("import torch\ndef double(x):\n    return [torch.are_deterministic_algorithms_enabled(), "
             "torch.is_deterministic_algorithms_warn_only_enabled(), torch.backends.cuda.matmul.allow_tf32, "
             "torch.backends.cudnn.allow_tf32, torch.backends.cudnn.deterministic, torch.rand(2).tolist()]")
    rebuilt = nb.rebuild(toy_grader.source, with_answers(toy_source, double=flags))
    session = Session(lambda: toy_grader.start_worker(Execution(list(rebuilt.cells), dict(rebuilt.problems))))
    try:
        first, second = Student(session).double(0), Student(session).double(0)
    finally:
        session.close()
    assert first[:5] == [True, True, False, False, True]
    assert first[5] == second[5]  # every call starts from the same seed
