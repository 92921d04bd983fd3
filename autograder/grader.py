"""Grading one submitted notebook: load → rebuild from source → run in a worker → run the checks → score.

``Grader.grade`` reads top to bottom; each step lives in its own module (``notebook``,
``notebook_run``, ``judge``, ``scoring``).  A grader holds what does not change between
submissions: the source notebook's analysis, the check names, and the launcher with its warm
fork server.
"""
from __future__ import annotations

import functools
import time
from pathlib import Path

import torch

from . import notebook as nb
from . import scoring
from .course import checks_dir
from .i18n import _
from .judge import ChecksBroken, collect_checks, run_checks, worker_stats
from .notebook_run import RunOutcome, restart, run_notebook
from .plugin import Outcome
from .pool import fork_server_kind
from .results import SubmissionResult
from .sandbox import Launcher, Limits
from .student import Session

__all__ = ["ChecksBroken", "Grader"]


class Grader:
    def __init__(self, assignment: str, source_path: Path, limits: Limits = Limits(), checks: Path | None = None,
                 devices: tuple[str, ...] = ("cpu",), launcher: Launcher | None = None,
                 fork_servers: tuple = (), released: dict[str, str] | None = None) -> None:
        """``launcher`` starts the workers (default: the full sandbox for this machine, CUDA when a device is,
        through one of ``fork_servers`` (a pool's shared ones) that fits); ``released``: the source's answer cells
        as released, when the caller has them (default: made here, with nbgrader)."""
        # The checks' own tensor work is small: with torch's default of a thread per core, each of its parallel ops
        # left OpenMP threads spinning, which took the cores from the workers (two gradings at once on 2 cores:
        # the judge's CPU time for a grading of 06 went from 0.5 to 1.8 s)
        torch.set_num_threads(1)
        self.assignment = assignment
        self.devices = devices  # where device-parametrized checks run (devices.grading_devices)
        self.source = nb.read_source(source_path)
        self.parts = nb.parts(self.source)
        self.released = nb.released_answers(self.source) if released is None else released
        self.demo_only = frozenset(nb.demo_only_names(self.source))
        self.checks = checks or checks_dir(assignment)
        # the notebook's data files lie next to it in source/, and go into every worker's folder
        cuda, preload = fork_server_kind(self.source, devices)
        self.launcher = launcher or Launcher(limits, cuda=cuda, preload=preload, files=source_path.parent,
                                             shared=fork_servers)
        self._check_names: list[tuple[str, str]] | None = None

    @property
    def limits(self) -> Limits:
        return self.launcher.limits

    # -- the pipeline -------------------------------------------------------
    # A part whose answer cells are all as released scores zero without running its checks: verify proves
    # that every check fails on the released stubs (grading them with check_unanswered), which makes it safe.
    def grade(self, path: Path, check_unanswered: bool = False) -> SubmissionResult:
        started = time.monotonic()
        try:
            submission = nb.load_submission(path)
        except nb.MalformedSubmission as exc:
            result = self.zero(path, str(exc))
        else:
            result = self.grade_notebook(submission, path, check_unanswered)
        result.execution_time = time.monotonic() - started
        return result

    def grade_notebook(self, submission: nb.nbformat.NotebookNode, path: Path, check_unanswered: bool = False) -> SubmissionResult:
        started = time.monotonic()
        try:
            rebuilt = nb.rebuild(self.source, submission)
        except nb.MalformedSubmission as exc:
            result = self.zero(path, str(exc))
        else:
            not_run = {} if check_unanswered else self.unanswered_parts(rebuilt.cells)
            result = self.run_and_check(path, rebuilt, not_run)
        result.execution_time = time.monotonic() - started
        return result

    def unanswered_parts(self, cells: list[nb.Cell]) -> dict[str, str]:
        """The parts whose answer cells are all as released, with what their checks say."""
        blank = nb.unanswered(cells, self.released)
        return {
            part.grade_id: _("not answered: the answer cell '{cell}' is as it was released").format(
                cell="', '".join(part.solution_ids))
            for part in self.parts
            if part.solution_ids and all(sid in blank for sid in part.solution_ids)
        }

    def run_and_check(self, path: Path, rebuilt: nb.Rebuilt, not_run: dict[str, str]) -> SubmissionResult:
        if not_run and len(not_run) == len(self.parts):  # nothing answered: nothing to run
            outcomes = [Outcome(part, check, False, not_run[part]) for part, check in self.check_names()]
            return scoring.score(self.assignment, self.parts, path, RunOutcome(), outcomes)
        worker, run = run_notebook(self.launcher, list(rebuilt.cells), rebuilt.problems)
        if worker is None:
            return self.zero(path, run.fatal)
        # a check that kills the worker gets a fresh one on the same cells; the run's outcome stays as it was
        session = Session(worker, functools.partial(restart, self.launcher, run))
        try:
            outcomes = run_checks(self.checks, session, self.devices, not_run, self.demo_only)
            stats = worker_stats(session)
        finally:
            session.close()
        result = scoring.score(self.assignment, self.parts, path, run, outcomes)
        result.timings.update(stats)
        return result

    def replay(self, submission: nb.nbformat.NotebookNode, snippets: list[str]) -> list[str]:
        """Run each snippet (a reproducer) after the submission's cells, as a student would paste it below
        their own; for each, the error it raised ("" when it ran to the end)."""
        cells = list(nb.rebuild(self.source, submission).cells)
        first = max((c.index for c in cells), default=0) + 1
        cells += [nb.Cell(first + i, text, grade_id=f"reproducer-{i}") for i, text in enumerate(snippets)]
        worker, run = run_notebook(self.launcher, cells)
        if worker is not None:
            worker.close()
        return [run.cell_errors.get(f"reproducer-{i}") or run.problems.get(f"reproducer-{i}", "")
                for i in range(len(snippets))]

    def zero(self, path: Path, reason: str) -> SubmissionResult:
        """Every check failed with one reason: the submission could not be graded."""
        return scoring.zero(self.assignment, self.parts, path, self.check_names(), reason)

    def check_names(self) -> list[tuple[str, str]]:
        """``(part, check)`` for every check, collected once without running anything."""
        if self._check_names is None:
            self._check_names = collect_checks(self.checks, self.devices)
        return self._check_names

    def close(self) -> None:
        """Stop the warm fork server (a new one starts if this grader grades again)."""
        self.launcher.close()
