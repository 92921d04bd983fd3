import copy
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
