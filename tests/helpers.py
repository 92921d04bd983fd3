"""Paths, names and builders the test modules share (fixtures live in conftest.py).

Import it as a module (``from helpers import REPO``): pytest puts tests/ on sys.path, as it does for conftest.py.
"""
import shutil
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
TOY = REPO / "tests" / "fixtures" / "toy"
CLASS_ASSIGNMENT = "01_view_reshape"
CLASS_NOTEBOOK = f"{CLASS_ASSIGNMENT}.ipynb"
# right answers of the toy assignment's two answer cells, for corpus.apply(toy_source, CORRECT)
CORRECT = {"double": "def double(x):\n    return x * 2", "first_row": "def first_row(x):\n    return x[0]"}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def released_course(root: Path) -> Path:
    """A course at ``root`` (a new folder) with 01_view_reshape's source and its generated release, nothing submitted."""
    from autograder.course import run_nbgrader

    root.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "source" / CLASS_ASSIGNMENT, root / "source" / CLASS_ASSIGNMENT)
    run_nbgrader(root, "generate_assignment", CLASS_ASSIGNMENT, "--force")
    return root


def make_course(root: Path, mutated: dict[str, list[str]] | None = None) -> Path:
    """A course at ``root`` with 01_view_reshape generated and five submissions: the solution, the released stub,
    a file that is not notebook JSON, and two mutants (``mutated``: student -> the corpus mutants applied together;
    by default the corpus's first and last)."""
    from autograder import corpus

    released_course(root)
    solution = nbformat.read(str(REPO / "solutions" / CLASS_ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    release = nbformat.read(str(root / "assignments" / CLASS_ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    mutants = {m.name: m.cells for m in corpus.variants(REPO, CLASS_ASSIGNMENT, "mutants")}
    mutated = mutated or {"d-mutant": [next(iter(mutants))], "e-mutant": [list(mutants)[-1]]}
    students = {"a-solution": solution, "b-stub": release}
    for student, names in mutated.items():
        students[student] = corpus.apply(solution, {k: v for name in names for k, v in mutants[name].items()})
    for student, notebook in students.items():
        folder = root / "submitted" / student / CLASS_ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / CLASS_NOTEBOOK))
    broken = root / "submitted" / "c-broken" / CLASS_ASSIGNMENT
    broken.mkdir(parents=True)
    (broken / CLASS_NOTEBOOK).write_text('{"cells": [')
    return root


def gradebook_rows(root: Path) -> dict[tuple[str, str], float]:
    """(student, grade cell) -> auto score of 01_view_reshape in the course's SQLite gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {(s.student.id, g.name): g.auto_score
                for s in gb.assignment_submissions(CLASS_ASSIGNMENT) for n in s.notebooks for g in n.grades}
