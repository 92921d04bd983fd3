"""``autograder status`` and the instructor's command line: counts, staleness, help in workflow order, one-line errors."""
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from autograder.course import Course
from autograder.status import submissions

from helpers import CLASS_ASSIGNMENT, REPO

NAME = f"{CLASS_ASSIGNMENT}.ipynb"


def autograder(root, *args):
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "AUTOGRADER_LANG": "en"})


@pytest.fixture
def course(graded_class, tmp_path):
    """The graded class, then: b-stub handed in again after grading, and a new student not graded yet."""
    root = tmp_path / "course"
    shutil.copytree(graded_class, root)
    graded = root / "autograded" / "b-stub" / CLASS_ASSIGNMENT / NAME
    again = root / "submitted" / "b-stub" / CLASS_ASSIGNMENT / NAME
    now = time.time()
    os.utime(graded, (now - 3600, now - 3600))  # graded an hour ago ...
    os.utime(again, (now - 60, now - 60))  # ... handed in again a minute ago
    new = root / "submitted" / "f-new" / CLASS_ASSIGNMENT
    new.mkdir(parents=True)
    shutil.copy(REPO / "assignments" / CLASS_ASSIGNMENT / NAME, new / NAME)
    return root


@pytest.mark.slow
@pytest.mark.integration  # the graded class (~30 s, shared with test_feedback and test_report)
def test_each_submission_is_graded_failed_stale_or_not_graded(course):
    states = {s.student: s.state for s in submissions(Course(course), CLASS_ASSIGNMENT)}
    assert states == {"a-solution": "graded", "b-stub": "stale", "c-broken": "failed", "d-views": "graded",
                      "e-masks": "graded", "f-new": "not graded"}


@pytest.mark.slow
@pytest.mark.integration
def test_status_prints_the_counts_and_who_needs_what(cli, course):
    done = cli(course, "status", CLASS_ASSIGNMENT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if "collected" in line)
    counts = next(line for line in lines if re.fullmatch(r"[│\s\d]+", line) and re.search(r"\d", line))
    assert re.findall(r"[a-z][a-z ]*[a-z]", header) == ["collected", "graded", "failed", "stale", "not graded"]
    assert re.findall(r"\d+", counts) == ["6", "3", "1", "1", "1"]
    assert "failed: c-broken: 01_view_reshape.ipynb is not valid notebook JSON" in done.stdout
    assert "stale: b-stub (submitted again since its last grading" in done.stdout
    assert "not graded: f-new (not graded yet" in done.stdout


@pytest.mark.slow
@pytest.mark.integration
def test_grading_again_grades_exactly_the_stale_and_new_submissions(course):
    done = autograder(course, "grade", CLASS_ASSIGNMENT, "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "4 submission(s) already graded" in done.stdout
    assert {s.state for s in submissions(Course(course), CLASS_ASSIGNMENT)} == {"graded", "failed"}


@pytest.mark.slow
@pytest.mark.integration
def test_unreadable_results_are_a_one_line_error_naming_the_file_and_the_fix(cli, course):
    broken = course / "autograded" / "b-stub" / CLASS_ASSIGNMENT / "results.json"
    broken.write_text("{not json")
    done = cli(course, "status", CLASS_ASSIGNMENT)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"autograder: error: {broken}: unreadable grading results (Expecting property name enclosed in double quotes: "
        f"line 1 column 2 (char 1)); run `autograder grade {CLASS_ASSIGNMENT} --student b-stub --force` to grade it again"]


def test_outside_a_course_status_is_a_usage_error(cli, tmp_path):
    done = cli(tmp_path, "status", CLASS_ASSIGNMENT)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "no nbgrader_config.py" in done.stderr and "pass --course DIR" in done.stderr


def test_help_explains_the_workflow_in_order(cli):
    done = cli(REPO, "--help")
    steps = [line.split()[1] for line in done.stdout.splitlines() if re.match(r"\s+\d\. ", line)]
    assert steps == ["release", "collect", "grade", "feedback", "report"]
    assert "autograder status ASSIGNMENT" in done.stdout
    for number, command in enumerate(("grade", "feedback", "report"), start=3):
        sub = cli(REPO, command, "--help")
        assert sub.returncode == 0 and f"Step {number} of release -> collect -> grade -> feedback -> report" in sub.stdout
    assert "stale (submitted again after their" in cli(REPO, "status", "--help").stdout


def test_a_broken_course_config_is_a_one_line_error_naming_it(cli, empty_course):
    (empty_course / "nbgrader_config.py").write_text("c = get_config(\n")
    done = cli(empty_course, "status", CLASS_ASSIGNMENT)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"autograder: error: {empty_course / 'nbgrader_config.py'} (line 1): SyntaxError: '(' was never closed; "
        "fix the Python in that file"]


def test_feedback_before_grading_says_what_to_run_first(cli, empty_course):
    done = cli(empty_course, "feedback", CLASS_ASSIGNMENT)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"autograder: error: no graded submissions in {empty_course / 'autograded' / '*' / CLASS_ASSIGNMENT}: "
        f"run `autograder grade {CLASS_ASSIGNMENT}` first"]
