"""Each graded submission's per-check results, kept beside its autograded notebook as ``results.json``.

The file holds the Gradescope form (``SubmissionResult.to_gradescope``).  It is written before the
autograded notebook, which marks the submission graded, so a graded submission always has one;
feedback, the class report and ``status`` read it instead of grading again.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .course import Course, UsageError
from .results import SubmissionResult

FILE = "results.json"
TIMESTAMP = "timestamp.txt"  # nbgrader's, written by submit and kept by collect


def autograded_path(course: Course, assignment: str, student: str, notebook: Path) -> Path:
    return course.folder(course.dirs.autograded_directory, assignment, student) / notebook.name


def needs_grading(course: Course, assignment: str, student: str, submitted: Path) -> bool:
    """Not graded yet, or submitted again since: nbgrader's submission timestamp differs from the graded one's,
    or (without timestamps) the autograded notebook is older than the submitted file.

    The timestamp decides where there is one, because nbgrader's collect keeps a notebook's modification
    time: a notebook saved before an earlier submission's grading finished is still a new submission."""
    done = autograded_path(course, assignment, student, submitted)
    if not done.is_file():
        return True
    stamp, graded_stamp = submitted.with_name(TIMESTAMP), done.with_name(TIMESTAMP)
    if stamp.is_file():
        return not graded_stamp.is_file() or graded_stamp.read_bytes() != stamp.read_bytes()
    return submitted.is_file() and done.stat().st_mtime < submitted.stat().st_mtime


def graded_at(course: Course, assignment: str, student: str, submitted: Path) -> float | None:
    """When the student's last grading finished (epoch seconds), or None if never graded."""
    done = autograded_path(course, assignment, student, submitted)
    return done.stat().st_mtime if done.is_file() else None


def results_path(course: Course, assignment: str, student: str) -> Path:
    return course.folder(course.dirs.autograded_directory, assignment, student) / FILE


def write_results(course: Course, assignment: str, student: str, result: SubmissionResult) -> Path:
    path = results_path(course, assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{FILE}.partial")
    partial.write_text(json.dumps(result.to_gradescope(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
    return path


def read_results(course: Course, assignment: str, student: str) -> SubmissionResult | None:
    """The stored results, or None for a submission graded before results were stored (grade it again)."""
    path = results_path(course, assignment, student)
    if not path.is_file():
        return None
    try:
        return SubmissionResult.from_gradescope(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: unreadable grading results ({exc}); run `autograder grade {assignment} "
                         f"--student {student} --force` to grade it again") from None
