"""Paths, names and builders the test modules share (fixtures live in conftest.py).

Import it as a module (``from helpers import REPO``): pytest puts tests/ on sys.path, as it does for conftest.py.
"""
import shutil
from contextlib import contextmanager
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
TOY = REPO / "tests" / "fixtures" / "toy"
CLASS_ASSIGNMENT = "01_view_reshape"
CLASS_NOTEBOOK = f"{CLASS_ASSIGNMENT}.ipynb"
# right answers of the toy assignment's two answer cells, for corpus.apply(toy_source, CORRECT)
CORRECT = {"double": "def double(x):\n    return x * 2", "first_row": "def first_row(x):\n    return x[0]"}


@contextmanager
def toy_student(grader, source, code: str):
    """A ``Student`` on the toy notebook whose answer cell ``double`` holds ``code``: one worker, closed after."""
    from functools import partial

    from autograder import corpus, notebook as nb
    from autograder.notebook_run import restart, run_notebook
    from autograder.student import Session, Student

    rebuilt = nb.rebuild(grader.source, corpus.apply(source, {"double": code}))
    worker, run = run_notebook(grader.launcher, list(rebuilt.cells), rebuilt.problems)
    session = Session(worker, partial(restart, grader.launcher, run))
    try:
        yield Student(session)
    finally:
        session.close()


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


class ExchangeStudent:
    """A student of a course on nbgrader's exchange, doing what JupyterLab's Assignments panel does
    (fetch, submit, fetch feedback) through nbgrader's own exchange classes, as this process's user."""

    def __init__(self, name: str, home: Path, exchange: Path, course_id: str = "torch-fundamentals"):
        from traitlets.config import Config

        self.name, self.home = name, home
        home.mkdir(parents=True, exist_ok=True)
        self.config = Config()
        self.config.Exchange.root = str(exchange)
        self.config.Exchange.cache = str(home / "nbgrader_cache")
        self.config.Exchange.assignment_dir = str(home)
        self.config.CourseDirectory.course_id = course_id
        self.config.CourseDirectory.student_id = name

    def _run(self, kind: str, assignment: str):
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange import default

        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = assignment
        app = getattr(default, f"Exchange{kind}")(coursedir=coursedir, authenticator=Authenticator(config=self.config),
                                                   config=self.config)
        return app.start()

    def fetch(self, assignment: str) -> Path:
        self._run("FetchAssignment", assignment)
        return self.home / assignment

    def submit(self, assignment: str, notebook: nbformat.NotebookNode | str, name: str = CLASS_NOTEBOOK) -> str:
        """Save ``notebook`` (or this text, as the file) as the student's work and submit it; returns nbgrader's
        timestamp of the submission."""
        folder = self.home / assignment
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(notebook, str):
            (folder / name).write_text(notebook)
        else:
            nbformat.write(notebook, str(folder / name))
        self._run("Submit", assignment)
        stamps = sorted((self.home / "nbgrader_cache").glob(f"*/{self.name}+{assignment}+*/timestamp.txt"),
                        key=lambda p: p.stat().st_mtime)
        return stamps[-1].read_text()

    def feedback(self, assignment: str, stamp: str, name: str = "01_view_reshape") -> str | None:
        """Fetch feedback and return the page for the submission made at ``stamp`` (None: none released yet)."""
        from nbgrader.exchange import ExchangeError

        try:
            self._run("FetchFeedback", assignment)
        except ExchangeError:  # no feedback released in the course yet
            return None
        page = self.home / assignment / "feedback" / stamp / f"{name}.html"
        return page.read_text(encoding="utf-8") if page.is_file() else None
