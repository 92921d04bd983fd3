"""Grading a whole class into the gradebook: one grading run per course at a time, resumable.

A submission counts as graded once its ``autograded/`` notebook exists and is
newer than the submitted file.  That notebook is written (atomically) after the
gradebook rows and the per-check ``results.json``, so a run killed at any point leaves the interrupted submission
ungraded, and running the command again grades exactly what is missing.
"""
from __future__ import annotations

import fcntl
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import gradebook
from . import notebook as nb
from . import stored
from .stored import needs_grading
from .course import Course
from .pool import Task, grade_many
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


def grade_class(course: Course, assignment: str, only: set[str] = frozenset(), force: bool = False,
                limits: Limits = Limits(), workers: int = 1, scheduler: str | None = None,
                devices: tuple[str, ...] = ("cpu",), progress: bool = False,
                pool=None, on_result=None) -> tuple[list[tuple[str, SubmissionResult]], int]:
    """Grade every (or each named) student's submission; returns the new results and how many were skipped.

    Gradings run in ``workers`` processes (or on a Dask ``scheduler``, or in a ``pool.warm_pool`` kept by the
    caller); this process alone writes the gradebook and the autograded notebooks.  ``on_result(student, result)``
    is called as each grading is recorded (the grading service releases its feedback then, not after the batch).
    """
    with course_lock(course):
        gradebook.ensure_assignment(course, assignment)
        submissions = [(s, p) for s, p in course.submissions(assignment) if not only or s in only]
        todo = [(s, p) for s, p in submissions if force or needs_grading(course, assignment, s, p)]
        sources = {src.name: src for src in course.source_notebooks(assignment)}
        notebooks = {name: nb.read_source(src) for name, src in sources.items()}  # read once, not per submission
        released = {name: _released(source) for name, source in notebooks.items()}
        tasks = [Task(assignment, sources[path.name], path, label=student, limits=limits, devices=devices,
                      released=released[path.name]) for student, path in todo]
        results: list[tuple[str, SubmissionResult]] = []
        with Progress(len(tasks), enabled=progress) as bar:
            with gradebook.Gradebook(course.db_url, course.course_id) as gb:  # one engine for the batch's records
                for index, result in grade_many(tasks, workers, scheduler, pool):
                    student, path = todo[index]
                    if not result.internal_error:  # else it stays ungraded, and the next run tries again
                        record(gb, course, assignment, student, path, notebooks[path.name], result)
                    results.append((student, result))
                    if on_result is not None:
                        on_result(student, result)
                    bar.advance(result.ungradable)
        return sorted(results, key=lambda row: row[0]), len(submissions) - len(todo)


def _released(source: nb.nbformat.NotebookNode) -> tuple[tuple[str, str], ...] | None:
    """The source's answer cells as released, for the tasks (a pool's processes then need no nbgrader); None when
    nbgrader cannot make them: each grading meets that itself, and it is reported with the submission."""
    try:
        return tuple(nb.released_answers(source).items())
    except Exception:
        return None


def record(gb: gradebook.Gradebook, course: Course, assignment: str, student: str, path: Path,
           source: nb.nbformat.NotebookNode, result: SubmissionResult) -> None:
    """Gradebook rows and per-check results first, then the autograded notebook that marks the submission done."""
    try:
        submitted = nb.load_submission(path)
    except nb.MalformedSubmission:
        submitted = None
    gradebook.record(gb, course, assignment, student, path.stem, result)
    stored.write_results(course, assignment, student, result)
    gradebook.write_autograded(course, assignment, student, gradebook.graded_notebook(source, submitted, result), path.stem)


class Progress:
    """done / could not be graded / remaining, with an ETA, on stderr."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.failed = total, enabled and total > 0, 0, 0
        self._started = time.monotonic()

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress as Bar, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Bar(TextColumn("grading"), BarColumn(), TextColumn("{task.fields[counts]}"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task("grading", total=self.total, counts=self._counts())
        return self

    def _counts(self) -> str:
        return f"{self.done} done, {self.failed} could not be graded, {self.total - self.done} remaining"

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.enabled:
            self._bar.update(self._task, advance=1, counts=self._counts())

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self._bar.stop()
            seconds = time.monotonic() - self._started
            print(f"graded {self.done} submission(s) in {seconds:.1f} s ({seconds / max(self.done, 1):.2f} s each); "
                  f"{self.failed} could not be graded", file=sys.stderr)
