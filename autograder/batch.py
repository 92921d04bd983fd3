"""Grading a whole class into the gradebook: one grading run per course at a time, resumable.

A submission counts as graded once its ``autograded/`` notebook exists and is
newer than the submitted file.  That notebook is written (atomically) after the
gradebook rows, so a run killed at any point leaves the interrupted submission
ungraded, and running the command again grades exactly what is missing.
"""
from __future__ import annotations

import fcntl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import gradebook
from . import notebook as nb
from .course import Course
from .grader import Grader
from .results import SubmissionResult
from .sandbox import Limits

LOCK_FILE = ".autograder.lock"


@contextmanager
def course_lock(course: Course) -> Iterator[None]:
    """Hold the course's grading lock; a second run waits (saying so) until the first is done."""
    with open(course.root / LOCK_FILE, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("autograder: another grading run is writing this course's gradebook; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def autograded_path(course: Course, assignment: str, student: str, notebook: Path) -> Path:
    return course.folder(course.dirs.autograded_directory, assignment, student) / notebook.name


def needs_grading(course: Course, assignment: str, student: str, submitted: Path) -> bool:
    done = autograded_path(course, assignment, student, submitted)
    if not done.is_file():
        return True
    return submitted.is_file() and done.stat().st_mtime < submitted.stat().st_mtime


def grade_class(course: Course, assignment: str, only: set[str] = frozenset(), force: bool = False,
                limits: Limits = Limits()) -> tuple[list[tuple[str, SubmissionResult]], int]:
    """Grade every (or each named) student's submission; returns the new results and how many were skipped."""
    with course_lock(course):
        gradebook.ensure_assignment(course, assignment)
        submissions = [(s, p) for s, p in course.submissions(assignment) if not only or s in only]
        todo = [(s, p) for s, p in submissions if force or needs_grading(course, assignment, s, p)]
        graders = {src.name: Grader(assignment, src, limits) for src in course.source_notebooks(assignment)}
        results = []
        for student, path in todo:
            grader = graders[path.name]
            result = grader.grade(path)
            try:
                submitted = nb.load_submission(path)
            except nb.MalformedSubmission:
                submitted = None
            gradebook.record(course, assignment, student, path.stem, result)
            graded = gradebook.graded_notebook(grader.source, submitted, result)
            gradebook.write_autograded(course, assignment, student, graded, path.stem)
            results.append((student, result))
        return results, len(submissions) - len(todo)

