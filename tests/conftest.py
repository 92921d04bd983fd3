import copy
import os
from pathlib import Path

import nbformat
import pytest

from autograder import notebook as nb

REPO = Path(__file__).resolve().parent.parent
TOY = REPO / "tests" / "fixtures" / "toy"


def with_answers(source: nbformat.NotebookNode, **answers: str) -> nbformat.NotebookNode:
    """A copy of ``source`` whose answer cells hold the given code."""
    out = copy.deepcopy(source)
    for cell in out.cells:
        grade_id = nb.nbgrader_meta(cell).get("grade_id")
        if nb.is_solution(cell) and grade_id in answers:
            cell.source = answers[grade_id]
    return out


@pytest.fixture(scope="session")
def toy_source() -> nbformat.NotebookNode:
    return nb.read_source(TOY / "toy.ipynb")


@pytest.fixture(scope="session")
def toy_grader():
    from autograder.grader import Grader
    from autograder.sandbox import Limits

    return Grader("toy", TOY / "toy.ipynb", Limits(notebook_seconds=8, call_seconds=3), checks=TOY / "checks")


CLASS_ASSIGNMENT = "01_view_reshape"


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """A course whose small class of 01_view_reshape was graded once by ``autograder grade`` (shared: copy it
    before changing it).  Students: the solution, the released stub, a broken file, and two with mistakes."""
    import shutil
    import subprocess
    import sys

    from autograder import corpus
    from autograder.course import run_nbgrader

    root = tmp_path_factory.mktemp("class") / "course"
    root.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "source" / CLASS_ASSIGNMENT, root / "source" / CLASS_ASSIGNMENT)
    run_nbgrader(root, "generate_assignment", CLASS_ASSIGNMENT, "--force")
    name = f"{CLASS_ASSIGNMENT}.ipynb"
    solution = nbformat.read(str(REPO / "solutions" / CLASS_ASSIGNMENT / name), as_version=4)
    release = nbformat.read(str(root / "assignments" / CLASS_ASSIGNMENT / name), as_version=4)
    mutants = {m.name: m.cells for m in corpus.variants(REPO, CLASS_ASSIGNMENT, "mutants")}
    students = {
        "a-solution": solution,
        "b-stub": release,
        "d-views": corpus.apply(solution, {**mutants["column_copies"], **mutants["strict_view_rejects_any_non_contiguous"]}),
        "e-masks": corpus.apply(solution, {**mutants["positives_keeps_zero"], **mutants["pick_per_row_whole_columns"]}),
    }
    for student, notebook in students.items():
        folder = root / "submitted" / student / CLASS_ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / name))
    broken = root / "submitted" / "c-broken" / CLASS_ASSIGNMENT
    broken.mkdir(parents=True)
    (broken / name).write_text('{"cells": [')
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", CLASS_ASSIGNMENT, "--workers", "1"],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return root
