"""``autograder feedback ASSIGNMENT``: nbgrader's feedback, plus a ``report.html`` per student that teaches.

The report shows each part's score and tutorial section, and for every failed check its one-line
message and a reproducer: the input the check used and the call, as code the student can run.
It is made from the ``results.json`` stored at grading time, so no check runs (or is shown) here.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import pages
from .i18n import _
from .policy import View
from .course import Course, UsageError, run_nbgrader
from .results import PartResult, SubmissionResult, as_points
from .sections import sections
from .stored import autograded_path, needs_grading, read_results

REPORT = "report.html"


def report_path(course: Course, assignment: str, student: str) -> Path:
    return course.folder(course.dirs.feedback_directory, assignment, student) / REPORT


def _points(value) -> str:
    return f"{as_points(value):g}"


def part_view(part: PartResult, section: str) -> dict:
    return {
        "id": part.grade_id, "section": section, "score": _points(part.score), "points": _points(part.points),
        "full": part.score == part.points, "passed": sum(c.passed for c in part.checks), "total": len(part.checks),
        "note": part.note,
        "passed_checks": [c.check for c in part.checks if c.passed],
        "failures": [{"names": names, "message": message, "reproducer": reproducer}
                     for names, message, reproducer in part.failures()],
    }


EVERYTHING = View(score=True, messages=True, reproducers=True, later=())


def student_page(result: SubmissionResult, student: str, assignment: str, view: View = EVERYTHING,
                 submitted_at: str = "", due: str = "") -> str:
    """The page a student reads; ``view`` (the grading service's policy) leaves out what is not shown yet."""
    titles = sections(assignment)
    later = {"score": _("the score"), "messages": _("the failed checks' messages"),
             "reproducers": _("how to reproduce each failure")}
    return pages.render(
        "report.html.j2", assignment=assignment, student=student, score=_points(result.score),
        max_score=_points(result.max_score), output=result.output, ungradable=result.ungradable,
        parts=[part_view(p, titles.get(p.grade_id, "")) for p in result.parts], view=view,
        submitted_at=submitted_at, due=due, later=", ".join(later[name] for name in view.later))


def write_reports(course: Course, assignment: str, only: set[str] = frozenset()) -> tuple[list[Path], list[str]]:
    """Write every graded student's ``report.html``; returns the pages and why any student has none."""
    written, missing = [], []
    for student, submitted in course.submissions(assignment):
        if only and student not in only:
            continue
        result = read_results(course, assignment, student)
        if result is None or needs_grading(course, assignment, student, submitted):
            missing.append(f"{student}: not graded since it was submitted; run `autograder grade {assignment}` first"
                           if result is not None else
                           f"{student}: no grading results; run `autograder grade {assignment} --student {student} --force`")
            continue
        page = student_page(result, student, assignment)
        written.append(pages.write(report_path(course, assignment, student), page))
    return written, missing


def feedback_command(course: Course, assignment: str, only: set[str], with_nbgrader: bool = True) -> int:
    graded = [s for s, path in course.submissions(assignment)
              if (not only or s in only) and autograded_path(course, assignment, s, path).is_file()]
    if not graded:
        folder = course.folder(course.dirs.autograded_directory, assignment, "*")
        raise UsageError(f"no graded submissions in {folder}: run `autograder grade {assignment}` first")
    if with_nbgrader:
        # nbgrader's own feedback (the autograded notebook as HTML) first: with --force it replaces the
        # student's feedback folder, which would take report.html with it
        # the gradebook this command uses (--db, AUTOGRADER_DB_URL or the config), not only the config's
        for student in sorted(only) or [None]:
            run_nbgrader(course.root, "generate_feedback", assignment, "--force", f"--db={course.db_url}",
                         *([f"--student={student}"] if student else []))
    written, missing = write_reports(course, assignment, only)
    for line in missing:
        print(f"autograder: warning: {line}", file=sys.stderr)
    if written:
        print(f"feedback for {len(written)} student(s): {course.folder(course.dirs.feedback_directory, assignment, '*')}/{REPORT}, "
              f"e.g. {written[0]}")
    else:
        print(f"no graded submissions of {assignment}: run `autograder grade {assignment}` first")
    return 0
