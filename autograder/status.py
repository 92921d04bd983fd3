"""``autograder status ASSIGNMENT``: how far grading of a class has come.

Every collected submission is in one state: graded; failed (it could not be graded at all, e.g. a
broken file, and scored 0); stale (submitted again after its last grading: ``autograder grade``
grades it again); or not graded yet.  The states come from the files alone: no gradebook query,
no torch import, so it answers at once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .course import Course
from .results import SubmissionResult
from .stored import autograded_path, needs_grading, read_results

GRADED, FAILED, STALE, PENDING = "graded", "failed", "stale", "not graded"
STATES = (GRADED, FAILED, STALE, PENDING)


@dataclass
class Submission:
    student: str
    path: Path
    state: str
    result: SubmissionResult | None = None  # the stored results of its last grading, if any


def submissions(course: Course, assignment: str) -> list[Submission]:
    found = []
    for student, path in course.submissions(assignment):
        if not autograded_path(course, assignment, student, path).is_file():
            found.append(Submission(student, path, PENDING))
            continue
        result = read_results(course, assignment, student)
        if needs_grading(course, assignment, student, path):
            state = STALE
        else:
            state = FAILED if result is not None and result.ungradable else GRADED
        found.append(Submission(student, path, state, result))
    return found


def counts(found: list[Submission]) -> dict[str, int]:
    tally = Counter(s.state for s in found)
    return {"collected": len(found), **{state: tally[state] for state in STATES}}


def status_command(course: Course, assignment: str) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    found = submissions(course, assignment)
    console = Console(width=120)
    console.print(f"{assignment} in {course.root}", markup=False, soft_wrap=True)
    table = Table()
    for column in ("collected", *STATES):
        table.add_column(column, justify="right")
    table.add_row(*(str(n) for n in counts(found).values()))
    console.print(table)
    if not found:
        console.print(f"no submissions under {course.root / course.dirs.submitted_directory}/*/{assignment}/: "
                      f"collect them first (nbgrader collect {assignment})", markup=False)
    for s in found:
        if s.state == FAILED:
            console.print(f"failed: {escape(s.student)}: {escape((s.result.output if s.result else '')[:200])}")
    for state, hint in ((STALE, "submitted again since its last grading"), (PENDING, "not graded yet")):
        names = [s.student for s in found if s.state == state]
        if names:
            console.print(f"{state}: {escape(', '.join(names))} ({hint}; run `autograder grade {assignment}`)")
    return 0
