"""Submissions reach submitted/<student>/<assignment>/ through nbgrader's own collection commands."""
import getpass
import shutil
import zipfile

import pytest

from autograder.course import Course, run_nbgrader

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK as NOTEBOOK, REPO

pytestmark = [pytest.mark.slow, pytest.mark.integration]  # nbgrader's commands on a generated course (15-30 s each)


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    run_nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    return root


def test_zip_collect_files_named_student__notebook(course):
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    released = course / "assignments" / ASSIGNMENT / NOTEBOOK
    shutil.copy(released, archive / f"ann__{NOTEBOOK}")
    with zipfile.ZipFile(archive / "batch.zip", "w") as z:
        z.write(released, f"bo-b__{NOTEBOOK}")
    run_nbgrader(course, "zip_collect", ASSIGNMENT, "--force")
    assert [s for s, _ in Course(course).submissions(ASSIGNMENT)] == ["ann", "bo-b"]
    assert all(p.is_file() for _, p in Course(course).submissions(ASSIGNMENT))


def test_release_fetch_submit_collect_through_an_exchange(course, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    home = tmp_path / "student"
    home.mkdir()
    where = f"--Exchange.root={exchange}"
    run_nbgrader(course, "release_assignment", ASSIGNMENT, where)
    run_nbgrader(home, "fetch_assignment", ASSIGNMENT, "--course", "torch-fundamentals", where)
    assert (home / ASSIGNMENT / NOTEBOOK).is_file()
    run_nbgrader(home, "submit", ASSIGNMENT, "--course", "torch-fundamentals", where)
    run_nbgrader(course, "collect", ASSIGNMENT, where)
    submitted = course / "submitted" / getpass.getuser() / ASSIGNMENT
    assert (submitted / NOTEBOOK).is_file() and (submitted / "timestamp.txt").is_file()
