"""Recording results where nbgrader looks for them: its gradebook and the ``autograded/`` notebooks."""
from __future__ import annotations

import copy
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from sqlalchemy.exc import SAWarning

from . import notebook as nb
from .course import Course
from .i18n import _
from .results import SubmissionResult, as_points
from .sections import sections


class GradebookError(Exception):
    pass


def check_driver(db_url: str) -> None:
    """``GradebookError`` when the database driver the gradebook URL needs is not installed.

    SQLAlchemy imports a URL's driver (``mysql+pymysql://`` needs ``pymysql``) when it makes an engine, which
    connects to nothing yet; a URL it cannot read or a dialect it does not know raise SQLAlchemy's own errors.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    try:
        engine = create_engine(db_url)
    except ModuleNotFoundError as exc:
        url = make_url(db_url).render_as_string(hide_password=True)
        raise GradebookError(f"cannot use the gradebook {url}: its database driver is not installed "
                             f"(No module named '{exc.name}'); install it in this environment or choose another "
                             "URL with --db, AUTOGRADER_DB_URL or c.CourseDirectory.db_url") from None
    engine.dispose()


def ensure_assignment(course: Course, assignment: str) -> None:
    """Make sure the gradebook knows the assignment's cells, as ``nbgrader generate_assignment`` records them.

    nbgrader's own converter does the recording; its student version goes to a
    scratch folder so that grading never rewrites the committed release.
    """
    notebooks = [p.stem for p in course.source_notebooks(assignment)]
    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            known = {n.name for n in gb.find_assignment(assignment).notebooks}
        except MissingEntry:
            known = set()
    if set(notebooks) <= known:
        return
    with tempfile.TemporaryDirectory(prefix="autograder-release-") as scratch:
        dirs = copy.copy(course.dirs)
        api = NbGraderAPI(coursedir=dirs, config=course.config)
        api.coursedir.release_directory = scratch
        outcome = api.generate_assignment(assignment, force=True, create=True)
    if not outcome.get("success"):
        last = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
        raise GradebookError(f"nbgrader could not record {assignment} in the gradebook: {last[-1] if last else 'unknown error'}")


def record(course: Course, assignment: str, student: str, notebook: str, result: SubmissionResult) -> None:
    """Write one notebook's per-cell auto scores, as nbgrader's SaveAutoGrades would."""
    submitted = course.folder(course.dirs.submitted_directory, assignment, student)
    timestamp = course.dirs.get_existing_timestamp(str(submitted))
    scores = {part.grade_id: as_points(part.score) for part in result.parts}
    # nbgrader's API triggers SQLAlchemy 2 autoflush warnings here; the rows are right (tests compare
    # them with what `nbgrader autograde` writes), so they are not shown
    with warnings.catch_warnings(), Gradebook(course.db_url, course.course_id) as gb:
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(student)
        if timestamp:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
        for grade in gb.find_submission_notebook(notebook, assignment, student).grades:
            if grade.name in scores:
                grade.auto_score = scores[grade.name]
                grade.needs_manual_grade = grade.manual_score is not None
        gb.db.commit()


def annotate(notebook: nbformat.NotebookNode, result: SubmissionResult) -> None:
    """Show each part's check report and score under its graded cell (nbgrader reads the score from there).

    The report names the tutorial section and, for a failed check, how to reproduce it, so the
    feedback notebook ``nbgrader generate_feedback`` makes from this carries what ``report.html`` shows.
    """
    reports = {part.grade_id: part for part in result.parts}
    titles = sections(result.assignment)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        part = reports.get(nb.nbgrader_meta(cell).get("grade_id")) if nb.is_test(cell) else None
        cell.outputs = [] if part is None else [
            nbformat.v4.new_output("stream", name="stdout", text=part.report(titles.get(part.grade_id, "")) + "\n"),
            nbformat.v4.new_output("execute_result", data={"text/plain": f"{as_points(part.score):g}"}, execution_count=None),
        ]
        cell.execution_count = None


def graded_notebook(source: nbformat.NotebookNode, submission: nbformat.NotebookNode | None,
                    result: SubmissionResult) -> nbformat.NotebookNode:
    """The notebook students get back: source cells, their answers, and the check report under each part."""
    answers = nb.answer_texts(submission) if submission is not None else {}
    out = copy.deepcopy(source)
    for cell in out.cells:
        if nb.is_solution(cell):
            texts = answers.get(nb.nbgrader_meta(cell)["grade_id"], [])
            cell.source = texts[0] if len(texts) == 1 else "# " + _("(this answer could not be taken from your submission)")
    annotate(out, result)
    if result.output:
        note = nbformat.v4.new_markdown_cell(_("**Autograder:** {output}").format(output=result.output), id="autograder-note")
        note.metadata["tags"] = ["autograder-note"]
        out.cells.insert(0, note)
    return out


def write_autograded(course: Course, assignment: str, student: str, notebook: nbformat.NotebookNode, name: str) -> Path:
    folder = course.folder(course.dirs.autograded_directory, assignment, student)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    partial = folder / f".{name}.ipynb.partial"  # the finished file marks the submission graded: never half-written
    nbformat.write(notebook, str(partial))
    os.replace(partial, path)
    timestamp = course.folder(course.dirs.submitted_directory, assignment, student) / "timestamp.txt"
    if timestamp.is_file():
        shutil.copyfile(timestamp, folder / "timestamp.txt")
    return path
