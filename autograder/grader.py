"""Grading one submitted notebook: load → sanitize against source → execute in a worker → run checks.

Each step is one small function; ``Grader.grade`` reads top to bottom.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import time
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path

import pytest

from . import notebook as nb
from .course import checks_dir
from .i18n import _
from .plugin import ChecksPlugin, Outcome, check_name, one_line, part_name
from .results import CheckResult, PartResult, SubmissionResult
from .sandbox import ForkServer, GraderBroken, Limits, Worker, WorkerGone
from .student import Session

CONFTEST_ROOT = checks_dir("").parent  # autograder/checks, whose conftest sets the hypothesis profile


class ChecksBroken(RuntimeError):
    """The hidden checks themselves fail to load: an instructor's error, never a student's."""


@dataclass
class Execution:
    """What happened while the worker ran the rebuilt notebook."""

    cells: list[nb.Cell]
    problems: dict[str, str]  # solution grade_id -> why it could not be used / did not finish
    cell_errors: dict[str, str] = field(default_factory=dict)  # solution grade_id -> exception
    setup_errors: list[str] = field(default_factory=list)  # errors in the notebook's own cells
    fatal: str = ""  # why nothing of the notebook could be checked
    cell_seconds: float = 0.0  # time the worker spent running the notebook's cells
    not_run: dict[str, str] = field(default_factory=dict)  # part -> why its checks are not run (unanswered)


class Grader:
    def __init__(self, assignment: str, source_path: Path, limits: Limits = Limits(), checks: Path | None = None,
                 devices: tuple[str, ...] = ("cpu",)) -> None:
        self.assignment = assignment
        self.devices = devices  # where device-parametrized checks run (devices.grading_devices)
        self.source = nb.read_source(source_path)
        self.parts = nb.parts(self.source)
        self.released = nb.released_answers(self.source)
        self.demo_only = frozenset(nb.demo_only_names(self.source))
        self.checks = checks or checks_dir(assignment)
        self.files = source_path.parent  # data the notebook reads, next to it in source/
        self._fork_server: ForkServer | None = None
        self.limits = limits

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
            execution = Execution(list(rebuilt.cells), dict(rebuilt.problems))
            if not check_unanswered:
                execution.not_run = self.unanswered_parts(execution.cells)
            result = self.execute_and_check(path, execution)
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

    def execute_and_check(self, path: Path, execution: Execution) -> SubmissionResult:
        if execution.not_run and len(execution.not_run) == len(self.parts):  # nothing answered: nothing to run
            outcomes = [Outcome(part, check, False, execution.not_run[part]) for part, check in self.check_names()]
            return self.score(path, execution, outcomes)
        try:
            session = Session(lambda: self.start_worker(execution))
        except WorkerGone as exc:
            return self.zero(path, execution.fatal or _("your notebook could not be run: it {reason}").format(reason=exc))
        try:
            outcomes = run_checks(self.checks, session, self.devices, execution.not_run, self.demo_only)
            memory = worker_peak_mb(session)
        finally:
            session.close()
        result = self.score(path, execution, outcomes)
        if memory is not None:
            result.timings["worker_peak_rss_mb"] = memory
        return result

    def replay(self, submission: nb.nbformat.NotebookNode, snippets: list[str]) -> list[str]:
        """Run each snippet (a reproducer) after the submission's cells, as a student would paste it below
        their own; for each, the error it raised ("" when it ran to the end)."""
        cells = list(nb.rebuild(self.source, submission).cells)
        first = max((c.index for c in cells), default=0) + 1
        cells += [nb.Cell(first + i, text, grade_id=f"reproducer-{i}") for i, text in enumerate(snippets)]
        execution = Execution(cells, {})
        try:
            self.start_worker(execution).close()
        except WorkerGone:
            pass
        return [execution.cell_errors.get(f"reproducer-{i}") or execution.problems.get(f"reproducer-{i}", "")
                for i in range(len(snippets))]

    def fork_server(self) -> ForkServer:
        """The warm process workers are forked from, started on first use and again if it died."""
        if self._fork_server is None or not self._fork_server.alive():
            self._fork_server = ForkServer(cuda="cuda" in self.devices, preload=nb.imported_modules(self.source))
            if "cuda" in self.devices:
                self.probe_cuda(self._fork_server)
        return self._fork_server

    def probe_cuda(self, server: ForkServer) -> None:
        """A sandboxed worker must reach the GPU before any student is graded on it: else every CUDA check
        would fail for everyone (device nodes not passed through, a driver the job's uid cannot open...)."""
        probe = Execution([nb.Cell(0, "import torch\nassert (torch.ones(2, device='cuda') * 2).sum().item() == 4")], {})
        worker = Worker(json.dumps([asdict(c) for c in probe.cells]), self.limits, server)
        try:
            hung = self.run_cells(worker, probe)
            reason = worker.dead_reason
        finally:
            worker.close()
        if hung is not None:
            raise GraderBroken(f"CUDA does not work inside the sandbox: the probe worker {reason}")
        if probe.setup_errors:
            raise GraderBroken(f"CUDA does not work inside the sandbox: {probe.setup_errors[0]}")

    # -- steps --------------------------------------------------------------
    def start_worker(self, execution: Execution) -> Worker:
        """A worker that has run the notebook's cells; a cell that hangs is dropped and the rest run again."""
        for _attempt in range(3):
            worker = Worker(json.dumps([asdict(c) for c in execution.cells]), self.limits, self.fork_server(), self.files)
            hung = self.run_cells(worker, execution)
            if hung is None:
                return worker
            worker.close()
            if hung.grade_id is None:
                execution.fatal = _("your notebook stopped in one of its own (locked) cells: the process {reason}").format(
                    reason=worker.dead_reason)
                raise WorkerGone(execution.fatal)
            execution.problems[hung.grade_id] = _("your cell '{cell}' {reason}, so its answer was not graded").format(
                cell=hung.grade_id, reason=worker.dead_reason)
            execution.cells = [c for c in execution.cells if c is not hung]
        execution.fatal = _("your notebook stopped running several times; each answer that hangs or crashes must be fixed")
        raise WorkerGone(execution.fatal)

    def run_cells(self, worker: Worker, execution: Execution) -> nb.Cell | None:
        """Run every cell; return the cell during which the worker hung or died, if any."""
        by_index = {c.index: c for c in execution.cells}
        deadline = time.monotonic() + self.limits.notebook_seconds
        current: nb.Cell | None = execution.cells[0] if execution.cells else None
        started = time.monotonic()
        try:
            while True:
                message = worker.receive(max(0.0, deadline - time.monotonic()), self.limits.notebook_seconds)
                event = message.get("event")
                if event == "ready":
                    return None
                cell = by_index.get(message.get("cell"))
                if event == "start":
                    current, started = cell, time.monotonic()
                elif event == "done":
                    execution.cell_seconds += time.monotonic() - started
                if event == "done" and cell is not None and message.get("error"):
                    error = message["error"]
                    text = one_line(f"{error.get('type')}: {error.get('message')}")
                    if cell.grade_id:
                        execution.cell_errors[cell.grade_id] = _("your cell '{cell}' raised {error}").format(cell=cell.grade_id, error=text)
                    else:
                        execution.setup_errors.append(_("a cell of the notebook raised {error}").format(error=text))
        except WorkerGone:
            return current if current is not None else nb.Cell(-1, "")

    def score(self, path: Path, execution: Execution, outcomes: list[Outcome]) -> SubmissionResult:
        results = []
        for part in self.parts:
            mine = [o for o in outcomes if o.part == part.grade_id]
            note = "; ".join(
                text
                for sid in part.solution_ids
                for text in (execution.problems.get(sid), execution.cell_errors.get(sid))
                if text
            )
            shares = split_points(Fraction(part.points).limit_denominator(10**6), [o.check for o in mine])
            checks = [
                CheckResult(o.part, o.check, o.passed, share, f"{o.message} ({note})" if note and not o.passed else o.message,
                            o.reproducer)
                for o, share in zip(mine, shares)
            ]
            results.append(PartResult(part.grade_id, Fraction(part.points).limit_denominator(10**6), checks, note))
        notes = [*execution.setup_errors, *execution.problems.values(), *execution.cell_errors.values()]
        output = "; ".join(dict.fromkeys(notes))
        timings = {"notebook": execution.cell_seconds, "checks": sum(o.seconds for o in outcomes)}
        return SubmissionResult(self.assignment, str(path), results, output=output, timings=timings)

    def zero(self, path: Path, reason: str) -> SubmissionResult:
        """Every check failed with one reason: the submission could not be graded."""
        session_outcomes = [Outcome(part, check, False, reason) for part, check in self.check_names()]
        result = self.score(path, Execution([], {}), session_outcomes)
        result.output = reason
        result.ungradable = True
        return result

    def check_names(self) -> list[tuple[str, str]]:
        """``(part, check)`` for every check, collected without running anything."""
        if not hasattr(self, "_check_names"):
            collector = _Collector(None, self.devices)
            _pytest_main(self.checks, ["--collect-only"], collector)
            self._check_names = collector.names
        return self._check_names


def split_points(points: Fraction, checks: list[str]) -> list[Fraction]:
    """Each check gets an equal share of its part; a device-parametrized check splits its share over its devices.

    So ``column::keeps_device[cpu]`` and ``[cuda]`` together weigh what one check weighs, and a part's
    other checks are worth the same on a machine with or without a GPU.
    """
    bases = [name.split("[", 1)[0] for name in checks]
    count = {base: bases.count(base) for base in bases}
    return [points / len(count) / count[base] for base in bases]


class _Collector(ChecksPlugin):
    def __init__(self, session: Session | None, devices: tuple[str, ...]) -> None:
        super().__init__(session, devices)
        self.names: list[tuple[str, str]] = []

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            self.names.append((part_name(item), check_name(item)))


def _pytest_main(folder: Path, extra: list[str], plugin) -> int:
    args = [
        str(folder), "-q", "-s", "-p", "no:cacheprovider", "-p", "no:randomly", "--assert=plain",
        # these plugins cost time per grading and give nothing here; unraisableexception alone runs
        # gc.collect() over the judge's whole heap (torch included) at the end of every session
        "-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:faulthandler",
        "-p", "no:logging", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:doctest", "-p", "no:stepwise",
        "--import-mode=importlib", "--rootdir", str(CONFTEST_ROOT), "-c", os.devnull,
        "--confcutdir", str(CONFTEST_ROOT),
        "-W", "ignore", "--tb=no", "--no-header", *extra,
    ]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return pytest.main(args, plugins=[plugin])


def worker_peak_mb(session: Session) -> float | None:
    """The worker's own peak resident memory, as it reports it (for benchmarks only)."""
    try:
        reply = session.request({"op": "stats"})
        return round(float(reply["value"]["max_rss_kb"]) / 1024, 1)
    except (WorkerGone, KeyError, TypeError, ValueError):
        return None


def run_checks(folder: Path, session: Session, devices: tuple[str, ...] = ("cpu",),
               not_run: dict[str, str] | None = None, demo_only: frozenset[str] = frozenset()) -> list[Outcome]:
    plugin = ChecksPlugin(session, devices, not_run, demo_only)
    _pytest_main(folder, [], plugin)
    if plugin.broken is not None:
        raise plugin.broken
    if plugin.collection_errors:
        raise ChecksBroken("; ".join(plugin.collection_errors))
    return list(plugin.outcomes.values())
