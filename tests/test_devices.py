"""Device-parametrized checks: where they run, how they share points, and the device bugs they catch on a CPU."""
from fractions import Fraction
from pathlib import Path

import pytest

from autograder import corpus
from autograder.cli import main
from autograder.devices import cuda_available, grading_devices
from autograder.grader import Grader
from autograder.scoring import split_points
from autograder.sandbox import Limits

from helpers import CORRECT, REPO, TOY

CHECKS = REPO / "tests" / "fixtures" / "device_checks"


@pytest.fixture(scope="module")
def device_grader():
    return Grader("toy", TOY / "toy.ipynb", Limits(notebook_seconds=8, call_seconds=3), checks=CHECKS)


def failures(result) -> dict[str, str]:
    return {c.name: c.message for p in result.parts for c in p.checks if not c.passed}


def test_device_checks_run_on_cpu_and_meta_and_share_one_checks_points(device_grader, toy_source):
    result = device_grader.grade_notebook(corpus.apply(toy_source, CORRECT), Path("s.ipynb"))
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
    result = device_grader.grade_notebook(corpus.apply(toy_source, {**CORRECT, "double": answer}), Path("s.ipynb"))
    failed = failures(result)
    assert set(failed) == {f"test_double::{check}"}
    assert words in failed[f"test_double::{check}"]


def test_the_meta_probe_accepts_missing_data_but_not_a_device_mismatch(device_grader, toy_source):
    needs_values = "def first_row(x):\n    assert x.sum().item() != 1e9\n    return x[0]"
    result = device_grader.grade_notebook(corpus.apply(toy_source, {**CORRECT, "first_row": needs_values}), Path("s.ipynb"))
    assert result.score == result.max_score
    mismatch = "def first_row(x):\n    return x[0] + torch.ones(x.shape[1])"
    result = device_grader.grade_notebook(corpus.apply(toy_source, {**CORRECT, "first_row": mismatch}), Path("s.ipynb"))
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


def test_workers_run_deterministic_kernels_without_tf32(toy_grader, toy_source):
    from functools import partial

    from autograder import notebook as nb
    from autograder.notebook_run import restart, run_notebook
    from autograder.student import Session, Student

    flags = ("import torch\ndef double(x):\n    return [torch.are_deterministic_algorithms_enabled(), "
             "torch.is_deterministic_algorithms_warn_only_enabled(), torch.backends.cuda.matmul.allow_tf32, "
             "torch.backends.cudnn.allow_tf32, torch.backends.cudnn.deterministic, torch.rand(2).tolist()]")
    rebuilt = nb.rebuild(toy_grader.source, corpus.apply(toy_source, {"double": flags}))
    worker, run = run_notebook(toy_grader.launcher, list(rebuilt.cells), rebuilt.problems)
    session = Session(worker, partial(restart, toy_grader.launcher, run))
    try:
        first, second = Student(session).double(0), Student(session).double(0)
    finally:
        session.close()
    assert first[:5] == [True, True, False, False, True]
    assert first[5] == second[5]  # every call starts from the same seed
