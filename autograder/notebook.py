"""Reading notebooks, and rebuilding a submission against its source notebook.

The source notebook is the only truth about what runs: a submission contributes
the text of its solution cells (matched by nbgrader ``grade_id``) and nothing
else.  Locked cells, test cells, metadata and points always come from source.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .i18n import _

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
DEMO_TAG = "demo"  # cells with this tag (plots, long training runs) are skipped when grading


class MalformedSubmission(Exception):
    """A submission that cannot be graded at all; the message, in the course's language, is shown to the student."""


@dataclass
class Part:
    """One graded cell: the unit of points, backed by the checks in ``test_<grade_id>.py``."""

    grade_id: str
    points: float
    solution_ids: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """A code cell to run in the worker."""

    index: int
    source: str
    grade_id: str | None = None  # set for solution cells


@dataclass
class Rebuilt:
    cells: list[Cell]
    problems: dict[str, str]  # solution grade_id -> why the submission's cell could not be used


def nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_solution(cell) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution")


def is_demo(cell) -> bool:
    return DEMO_TAG in cell.get("metadata", {}).get("tags", [])


def read_source(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def parts(source: nbformat.NotebookNode) -> list[Part]:
    """Graded test cells in order; each owns the solution cells since the previous one."""
    found: list[Part] = []
    pending: list[str] = []
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        if is_solution(cell):
            pending.append(meta["grade_id"])
        elif is_test(cell):
            found.append(Part(meta["grade_id"], float(meta.get("points", 0)), pending))
            pending = []
    return found


def imported_modules(source: nbformat.NotebookNode) -> list[str]:
    """Modules the instructor's notebook imports (for the fork server to import once, not per submission)."""
    import ast

    names: dict[str, None] = {}
    for cell in source.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics: such a cell just adds nothing
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names[node.module] = None
                # `from torch import optim` names a submodule: import it too (a mere name fails harmlessly)
                names.update((f"{node.module}.{alias.name}", None) for alias in node.names if alias.name != "*")
    return list(names)


def defined_names(code: str) -> set[str]:
    """Names a cell binds at its top level: imports, functions, classes, assignments."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name != "*")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def demo_only_names(source: nbformat.NotebookNode) -> set[str]:
    """Names that only example cells (tagged ``demo``, skipped when grading) define: an answer that uses one
    works in the student's notebook and fails when graded."""
    in_demos: set[str] = set()
    elsewhere: set[str] = set()
    for cell in source.cells:
        if cell.cell_type == "code":
            (in_demos if is_demo(cell) else elsewhere).update(defined_names(cell.source))
    return in_demos - elsewhere


def load_submission(path: Path) -> nbformat.NotebookNode:
    """Parse a submitted file, or raise ``MalformedSubmission`` saying what is wrong with it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MalformedSubmission(_("cannot read {file}: {error}").format(file=path.name, error=exc.strerror)) from None
    if size == 0:
        raise MalformedSubmission(_("{file} is empty").format(file=path.name))
    if size > MAX_NOTEBOOK_BYTES:
        raise MalformedSubmission(_("{file} is {size} MiB, over the {limit} MiB limit; clear the outputs and resubmit").format(
            file=path.name, size=f"{size / 2**20:.0f}", limit=f"{MAX_NOTEBOOK_BYTES / 2**20:.0f}"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":
            raise MalformedSubmission(_("{file} is not UTF-8 text; submit the .ipynb file saved by JupyterLab").format(
                file=path.name)) from None
        text = raw[: exc.start].decode("utf-8")  # cut inside a character: a truncated file, reported as such below
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedSubmission(_("{file} is not valid notebook JSON (line {line}: {error})").format(
            file=path.name, line=exc.lineno, error=exc.msg)) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise MalformedSubmission(_("{file} is JSON but not a Jupyter notebook (no list of cells)").format(file=path.name))
    if data.get("nbformat") != 4:
        raise MalformedSubmission(_("{file} uses notebook format {format}; open and save it in JupyterLab (format 4)").format(
            file=path.name, format=repr(data.get("nbformat"))))
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    language = (metadata.get("kernelspec") or {}).get("language") or (metadata.get("language_info") or {}).get("name")
    if isinstance(language, str) and language.lower() != "python":
        raise MalformedSubmission(_("{file} uses a {language} kernel; this assignment needs Python 3").format(
            file=path.name, language=language))
    for number, cell in enumerate(data["cells"], 1):
        if not isinstance(cell, dict) or "cell_type" not in cell or "source" not in cell:
            raise MalformedSubmission(_("{file}: cell {number} is malformed").format(file=path.name, number=number))
        source = cell["source"]
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            cell["source"] = "".join(source)
        elif not isinstance(source, str):
            raise MalformedSubmission(_("{file}: cell {number} has no text").format(file=path.name, number=number))
    return nbformat.from_dict(data)


def answer_texts(submission: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Every cell's text by its grade_id (a list: a submission may hold a grade_id twice)."""
    answers: dict[str, list[str]] = {}
    for cell in submission.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if isinstance(grade_id, str):
            answers.setdefault(grade_id, []).append(cell["source"])
    return answers


def released_answers(source: nbformat.NotebookNode) -> dict[str, str]:
    """Each answer cell's text as nbgrader releases it: its solution replaced by the stub (nbgrader's own step)."""
    from nbgrader.preprocessors import ClearSolutions

    released, _ = ClearSolutions().preprocess(copy.deepcopy(source), {})
    return {nbgrader_meta(c)["grade_id"]: c.source for c in released.cells if is_solution(c)}


def unanswered(cells: list[Cell], released: dict[str, str]) -> set[str]:
    """The answer cells left as they were released (whitespace aside): nothing of the student's to check.

    Not when another, answered cell names what the stub defines: a student who wrote that function in
    another cell has answered it there.
    """
    import ast
    import re

    as_released = {c.grade_id for c in cells if c.grade_id in released and c.source.strip() == released[c.grade_id].strip()}
    answered = "\n".join(c.source for c in cells if c.grade_id and c.grade_id not in as_released)
    blank = set()
    for grade_id in as_released:
        try:
            tree = ast.parse(released[grade_id])
        except SyntaxError:
            continue  # what it defines is unknown: check it
        names = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        names |= {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                  for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
        if not any(re.search(rf"\b{re.escape(name)}\b", answered) for name in names):
            blank.add(grade_id)
    return blank


def rebuild(source: nbformat.NotebookNode, submission: nbformat.NotebookNode) -> Rebuilt:
    """The code cells to run: source cells, with solution cells' text taken from the submission."""
    answers = answer_texts(submission)

    solution_ids = [nbgrader_meta(c)["grade_id"] for c in source.cells if is_solution(c)]
    if solution_ids and not any(gid in answers for gid in solution_ids):
        raise MalformedSubmission(_("none of this assignment's answer cells are in the notebook; "
                                    "submit the released notebook with your answers filled in"))

    cells: list[Cell] = []
    problems: dict[str, str] = {}
    for index, cell in enumerate(source.cells):
        if cell.cell_type != "code" or is_test(cell) or is_demo(cell):
            continue
        if not is_solution(cell):
            cells.append(Cell(index, cell.source))
            continue
        grade_id = nbgrader_meta(cell)["grade_id"]
        texts = answers.get(grade_id, [])
        if len(texts) == 1:
            cells.append(Cell(index, texts[0], grade_id))
        elif not texts:
            problems[grade_id] = _("the answer cell '{cell}' is missing from your notebook (was it deleted?)").format(cell=grade_id)
        else:
            problems[grade_id] = _("the answer cell '{cell}' appears {count} times in your notebook; keep only one").format(
                cell=grade_id, count=len(texts))
    return Rebuilt(cells, problems)
