"""Recording results where nbgrader looks for them: its gradebook and the ``autograded/`` notebooks."""
from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from datetime import datetime
from functools import cache
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


LOG = logging.getLogger("autograder.gradebook")  # nbgrader's step says here how late a submission is, and its penalty


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


def record(gb: Gradebook, course: Course, assignment: str, student: str, notebook: str,
           result: SubmissionResult) -> None:
    """Write one notebook's per-cell auto scores, as nbgrader's SaveAutoGrades would, then its late penalty.

    ``gb`` is the batch's open gradebook: its engine (connections, tables checked, SQL compiled once) serves
    every record; each record reads through a session of its own, discarded at the end.  A grader's manual
    score, extra credit and comment (formgrader's) are left as they are: a regrade changes only the auto score,
    and flags a cell with a manual score for review as SaveAutoGrades does.  The late penalty comes from the
    penalty step in the course's ``c.Autograde.autograde_preprocessors`` (nbgrader's AssignLatePenalties and
    its ``c.AssignLatePenalties.plugin_class``, by default LateSubmissionPlugin with
    ``c.LateSubmissionPlugin.penalty_method``), run as ``nbgrader autograde`` runs it after the scores.
    """
    submitted = course.folder(course.dirs.submitted_directory, assignment, student)
    timestamp = course.dirs.get_existing_timestamp(str(submitted))
    scores = {part.grade_id: as_points(part.score) for part in result.parts}
    # nbgrader's API triggers SQLAlchemy 2 autoflush warnings here; the rows are right (tests compare
    # them with what `nbgrader autograde` writes), so they are not shown
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        try:
            gb.update_or_create_student(student)
            if timestamp:
                submission = gb.update_or_create_submission(assignment, student, timestamp=timestamp)
            else:
                submission = gb.update_or_create_submission(assignment, student)
            graded = gb.find_submission_notebook(notebook, assignment, student)
            for grade in graded.grades:
                if grade.name in scores:
                    grade.auto_score = scores[grade.name]
                    grade.needs_manual_grade = grade.manual_score is not None
            gb.db.commit()
            # on time and never penalised: the penalty step would only write the None that is there
            late = submission.total_seconds_late > 0 or graded.late_submission_penalty is not None
        finally:  # nothing read here outlives the record: the penalty step below writes through its own connection
            gb.db.remove()
    if late:
        assign_late_penalties(course, assignment, student, notebook)


def assign_late_penalties(course: Course, assignment: str, student: str, notebook: str) -> None:
    """Run the course's late-penalty step(s) of ``nbgrader autograde`` on one recorded notebook."""
    resources = {"nbgrader": {"notebook": notebook, "assignment": assignment, "student": student, "db_url": course.db_url}}
    for step in late_penalty_steps(tuple(_autograde_steps(course))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SAWarning)
            step(config=course.config, log=LOG).preprocess(nbformat.v4.new_notebook(), copy.deepcopy(resources))


def _autograde_steps(course: Course) -> list:
    from nbgrader.converters import Autograde

    configured = course.config.Autograde.get("autograde_preprocessors")
    return list(configured if configured is not None else Autograde.class_traits()["autograde_preprocessors"].default())


@cache
def late_penalty_steps(steps: tuple) -> list[type]:
    """The AssignLatePenalties preprocessors (nbgrader's, or a subclass) among ``nbgrader autograde``'s steps."""
    from nbgrader.preprocessors import AssignLatePenalties
    from traitlets.utils.importstring import import_item

    found = []
    for step in steps:
        if isinstance(step, str):
            if step.startswith("autograder."):  # the engine's own step: no penalty, and no need to import it
                continue
            step = import_item(step)
        if isinstance(step, type) and issubclass(step, AssignLatePenalties):
            found.append(step)
    return found


@dataclass
class Standing:
    """One student's submission as the gradebook counts it (nbgrader export's score, with its parts)."""
    student: str
    timestamp: datetime | None
    auto: float       # the auto scores alone
    raw: float        # nbgrader's score: a manual score replaces the auto score, extra credit adds
    penalty: float    # nbgrader's late submission penalty
    score: float      # what counts: max(0, raw - penalty), as `nbgrader export` computes it
    seconds_late: float
    needs_manual_grade: bool


@dataclass
class Override:
    """A grader's change to one cell of one submission (formgrader's manual score, extra credit, comment)."""
    student: str
    notebook: str
    cell: str
    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None
    max_score: float | None
    comment: str | None


@dataclass
class Standings:
    max_score: float
    students: list[Standing]
    overrides: list[Override]


def standings(course: Course, assignment: str) -> Standings:
    """What nbgrader's gradebook counts for ``assignment``: each submission's score, and each grader's override.

    nbgrader's gradebook keeps no record of who made an override or when; the rows say what it does keep.
    """
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook

    with warnings.catch_warnings(), Gradebook(course.db_url, course.course_id) as gb:
        warnings.simplefilter("ignore", SAWarning)
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            return Standings(0.0, [], [])
        students = []
        for submission in sorted(found.submissions, key=lambda s: s.student_id):
            grades = [grade for notebook in submission.notebooks for grade in notebook.grades]
            raw, penalty = float(submission.score), float(submission.late_submission_penalty)
            students.append(Standing(
                student=submission.student_id, timestamp=submission.timestamp,
                auto=sum(float(g.auto_score) for g in grades if g.auto_score is not None), raw=raw, penalty=penalty,
                score=max(0.0, raw - penalty), seconds_late=float(submission.total_seconds_late),
                needs_manual_grade=any(g.needs_manual_grade for g in grades)))
        rows: dict[tuple[str, str, str], Override] = {}

        def row(student: str, notebook: str, cell: str) -> Override:
            return rows.setdefault((student, notebook, cell), Override(student, notebook, cell, None, None, None, None, None))

        in_assignment = (SubmittedNotebook.assignment_id == SubmittedAssignment.id) & (SubmittedAssignment.assignment_id == found.id)
        for grade in (gb.db.query(Grade).join(SubmittedNotebook).join(SubmittedAssignment).filter(in_assignment)
                      .filter((Grade.manual_score != None) | (Grade.extra_credit != None))):  # noqa: E711 (SQL)
            entry = row(grade.notebook.assignment.student_id, grade.notebook.name, grade.name)
            entry.auto_score, entry.manual_score, entry.extra_credit = grade.auto_score, grade.manual_score, grade.extra_credit
            entry.max_score = float(grade.max_score)
        for comment in (gb.db.query(Comment).join(SubmittedNotebook).join(SubmittedAssignment).filter(in_assignment)
                        .filter(Comment.manual_comment != None)):  # noqa: E711
            if comment.manual_comment.strip():
                row(comment.notebook.assignment.student_id, comment.notebook.name, comment.name).comment = comment.manual_comment
        return Standings(float(found.max_score), students, sorted(rows.values(), key=lambda o: (o.student, o.notebook, o.cell)))


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
