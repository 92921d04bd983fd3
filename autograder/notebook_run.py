"""Running a rebuilt notebook in a sandboxed worker, until every cell ran or the notebook cannot run.

``run_notebook`` starts a worker, reads each cell's events and, when a cell hangs or kills the
worker, drops that cell and starts over with the rest.  What happened comes back as a frozen
``RunOutcome``; ``restart`` brings up a fresh worker on the same cells (for a check that killed
one) and cannot change that outcome.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import notebook as nb
from .i18n import _
from .plugin import one_line
from .sandbox import Launcher, WorkerGone, WorkerHandle

ATTEMPTS = 3  # runs of the notebook before it counts as one that cannot run


@dataclass(frozen=True)
class RunOutcome:
    """What happened while a worker ran the notebook's cells."""

    cells: tuple[nb.Cell, ...] = ()  # the cells the final worker ran (those that hung are left out)
    problems: Mapping[str, str] = field(default_factory=dict)  # solution grade_id -> why it was not used / did not finish
    cell_errors: Mapping[str, str] = field(default_factory=dict)  # solution grade_id -> the exception it raised
    setup_errors: tuple[str, ...] = ()  # errors in the notebook's own cells
    fatal: str = ""  # why nothing of the notebook could be checked
    cell_seconds: float = 0.0  # time the workers spent running cells, every attempt included


@dataclass
class _CellsRun:
    """One attempt: the cell the worker hung or died in (None: all ran), and what the cells raised."""

    hung: nb.Cell | None = None
    cell_errors: dict[str, str] = field(default_factory=dict)
    setup_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_notebook(launcher: Launcher, cells: list[nb.Cell], problems: Mapping[str, str] = MappingProxyType({})
                 ) -> tuple[WorkerHandle | None, RunOutcome]:
    """A worker that has run the cells (None when the notebook cannot run: ``fatal`` says why) and the outcome."""
    problems, seconds = dict(problems), 0.0
    for _attempt in range(ATTEMPTS):
        worker = launcher.start([asdict(c) for c in cells])
        attempt = run_cells(worker, cells, launcher.limits.notebook_seconds)
        seconds += attempt.seconds
        if attempt.hung is None:
            return worker, _outcome(cells, problems, attempt, seconds)
        worker.close()
        if attempt.hung.grade_id is None:
            fatal = _("your notebook stopped in one of its own (locked) cells: the process {reason}").format(
                reason=worker.dead_reason)
            return None, _outcome(cells, problems, attempt, seconds, fatal)
        problems[attempt.hung.grade_id] = _("your cell '{cell}' {reason}, so its answer was not graded").format(
            cell=attempt.hung.grade_id, reason=worker.dead_reason)
        cells = [c for c in cells if c is not attempt.hung]
    fatal = _("your notebook stopped running several times; each answer that hangs or crashes must be fixed")
    return None, _outcome(cells, problems, attempt, seconds, fatal)


def restart(launcher: Launcher, run: RunOutcome) -> WorkerHandle:
    """A fresh worker that ran ``run``'s cells again, or ``WorkerGone`` if this time they did not all run."""
    worker = launcher.start([asdict(c) for c in run.cells])
    if run_cells(worker, list(run.cells), launcher.limits.notebook_seconds).hung is not None:
        worker.close()
        raise WorkerGone(worker.dead_reason)
    return worker


def run_cells(worker: WorkerHandle, cells: list[nb.Cell], budget: float) -> _CellsRun:
    """Read the worker's events until it is ready, within ``budget`` seconds for all the cells."""
    attempt = _CellsRun()
    by_index = {c.index: c for c in cells}
    deadline = time.monotonic() + budget
    current: nb.Cell | None = cells[0] if cells else None
    started = time.monotonic()
    try:
        while True:
            message = worker.receive(max(0.0, deadline - time.monotonic()), budget)
            event = message.get("event")
            if event == "ready":
                return attempt
            cell = by_index.get(message.get("cell"))
            if event == "start":
                current, started = cell, time.monotonic()
            elif event == "done":
                attempt.seconds += time.monotonic() - started
            if event == "done" and cell is not None and message.get("error"):
                error = message["error"]
                text = one_line(f"{error.get('type')}: {error.get('message')}")
                if cell.grade_id:
                    attempt.cell_errors[cell.grade_id] = _("your cell '{cell}' raised {error}").format(cell=cell.grade_id, error=text)
                else:
                    attempt.setup_errors.append(_("a cell of the notebook raised {error}").format(error=text))
    except WorkerGone:
        attempt.hung = current if current is not None else nb.Cell(-1, "")
        return attempt


def _outcome(cells: list[nb.Cell], problems: dict[str, str], attempt: _CellsRun, seconds: float, fatal: str = "") -> RunOutcome:
    return RunOutcome(tuple(cells), MappingProxyType(problems), MappingProxyType(dict(attempt.cell_errors)),
                      tuple(dict.fromkeys(attempt.setup_errors)), fatal, seconds)
