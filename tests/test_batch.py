"""Grading a class into the gradebook survives being killed, reruns, --force and a second grader."""
import subprocess
import sys
import time

import pytest

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK as NOTEBOOK, gradebook_rows as rows, make_course

pytestmark = [pytest.mark.slow, pytest.mark.integration]  # each test grades whole classes in subprocesses (30-70 s)


def grade(root, *args, wait=True):
    command = [sys.executable, "-m", "autograder", "grade", ASSIGNMENT, *args]
    if not wait:
        return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("ref") / "course")
    done = grade(root)
    assert done.returncode == 0, done.stderr
    return rows(root)


def test_a_malformed_submission_does_not_stop_the_batch(reference):
    students = {student for student, _ in reference}
    assert students == {"a-solution", "b-stub", "c-broken", "d-mutant", "e-mutant"}
    assert all(score == 0 for (student, _), score in reference.items() if student in {"b-stub", "c-broken"})


def test_killed_run_resumes_with_identical_scores(tmp_path, reference):
    root = make_course(tmp_path / "course")
    first = grade(root, wait=False)
    autograded = root / "autograded"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(autograded.glob(f"*/{ASSIGNMENT}/{NOTEBOOK}"))) < 2:
        time.sleep(0.05)
    first.kill()
    first.wait()
    finished = len(list(autograded.glob(f"*/{ASSIGNMENT}/{NOTEBOOK}")))
    assert 2 <= finished < 5
    again = grade(root)
    assert again.returncode == 0, again.stderr
    assert f"{finished} submission(s) already graded" in again.stdout
    assert rows(root) == reference
    forced = grade(root, "--force")
    assert "already graded" not in forced.stdout
    assert rows(root) == reference


def test_two_graders_on_one_course_do_not_corrupt_the_gradebook(tmp_path, reference):
    root = make_course(tmp_path / "course")
    runs = [grade(root, wait=False) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert any("waiting for it to finish" in err for _, err in outputs)
    assert any("5 submission(s) already graded" in out for out, _ in outputs)
    assert rows(root) == reference
