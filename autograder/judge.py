"""The judge: the hidden checks, run by pytest in this (trusted) process against a live worker.

``run_checks`` runs every check of an assignment's folder and returns one ``Outcome`` per check;
``collect_checks`` only names them (for a zero, or a report's rows) without a worker.
"""
from __future__ import annotations

import contextlib
import io
import os
import threading
import warnings
from pathlib import Path

import pytest
from _pytest.config import _prepareconfig  # pytest is pinned (pyproject.toml): Checks follows its main()

from .course import checks_dir
from .plugin import ChecksPlugin, Outcome, check_name, part_name
from .sandbox import WorkerGone
from .student import Session

CONFTEST_ROOT = checks_dir("").parent  # autograder/checks, whose conftest sets the hypothesis profile


class ChecksBroken(RuntimeError):
    """The hidden checks themselves fail to load: an instructor's error, never a student's."""


def run_checks(folder: Path, session: Session, devices: tuple[str, ...] = ("cpu",),
               not_run: dict[str, str] | None = None, demo_only: frozenset[str] = frozenset()) -> list[Outcome]:
    """Every check in ``folder`` against ``session``'s worker; parts in ``not_run`` fail with its reason, unrun."""
    key = (Path(folder).resolve(), tuple(devices))
    with _ONE_AT_A_TIME:  # gradings in threads of one process (a Dask worker's --nthreads) take turns here
        checks = _COLLECTED.get(key) or _COLLECTED.setdefault(key, Checks(folder, devices))
        try:
            return checks.run(session, not_run or {}, demo_only)
        except BaseException:
            _COLLECTED.pop(key, None)  # a run cut short may leave fixtures set up: collect afresh next time
            raise


class Checks:
    """The checks of one folder, configured and collected by pytest once per process (50-70 ms that a run of
    ``pytest.main`` per submission paid every time); ``run`` takes each check through pytest's own run protocol
    (setup, call, teardown, reports), as ``pytest.main`` would, against one submission's worker."""

    def __init__(self, folder: Path, devices: tuple[str, ...]) -> None:
        self.plugin = ChecksPlugin(devices)
        with _quiet():
            # what pytest.main does up to its run loop (wrap_session); the terminal reporter is left out: it
            # would keep every report of every submission
            self.config = _prepareconfig(_arguments(folder, ["-p", "no:terminal"]), plugins=[self.plugin])
            self.config.option.tbstyle = "no"  # its option belongs to the terminal plugin; reports read it
            self.config._do_configure()
            self.pytest_session = pytest.Session.from_config(self.config)
            self.config.hook.pytest_sessionstart(session=self.pytest_session)
            self.pytest_session.perform_collect()
        if self.plugin.collection_errors:
            raise ChecksBroken("; ".join(self.plugin.collection_errors))
        self.items = list(self.pytest_session.items)

    def run(self, session: Session, not_run: dict[str, str], demo_only: frozenset[str]) -> list[Outcome]:
        plugin = self.plugin
        plugin.begin(session, not_run, demo_only)
        items = [item for item in self.items if not plugin.skip_unanswered(item)]
        run = self.pytest_session
        run.shouldstop = run.shouldfail = False
        with _quiet():
            for index, item in enumerate(items):
                # the last item's teardown (nextitem None) finalizes the session-scoped `student`
                nextitem = items[index + 1] if index + 1 < len(items) else None
                item.ihook.pytest_runtest_protocol(item=item, nextitem=nextitem)
                if run.shouldstop:  # no worker could be started (the plugin tore everything down)
                    break
        plugin.session = None
        if plugin.broken is not None:
            raise plugin.broken
        return list(plugin.outcomes.values())


_COLLECTED: dict[tuple[Path, tuple[str, ...]], Checks] = {}  # one per checks folder and devices, for the process
_ONE_AT_A_TIME = threading.Lock()  # the checks share the judge's random streams, caches and a pytest session


@contextlib.contextmanager
def _quiet():
    """pytest and the checks print nothing where the grader runs; warnings are not the student's concern."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def collect_checks(folder: Path, devices: tuple[str, ...] = ("cpu",)) -> list[tuple[str, str]]:
    """``(part, check)`` for every check in ``folder``, one per device variant, without running any."""
    collector = _Collector(devices)
    _pytest_main(folder, ["--collect-only"], collector)
    return collector.names


class _Collector(ChecksPlugin):
    def __init__(self, devices: tuple[str, ...]) -> None:
        super().__init__(devices)
        self.names: list[tuple[str, str]] = []

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            self.names.append((part_name(item), check_name(item)))


def _arguments(folder: Path, extra: list[str]) -> list[str]:
    return [
        str(folder), "-s", "-p", "no:cacheprovider", "-p", "no:randomly", "--assert=plain",
        # these plugins cost time per grading and give nothing here; unraisableexception alone runs
        # gc.collect() over the judge's whole heap (torch included) at the end of every session
        "-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:faulthandler",
        "-p", "no:logging", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:doctest", "-p", "no:stepwise",
        # nor do these, whose hooks run for every check (the checks ask only for `student` and `device`; warnings
        # are ignored for the whole run below): half of pytest's own time per grading (42 empty checks: 60 -> 30 ms)
        "-p", "no:warnings", "-p", "no:hypothesispytest", "-p", "no:anyio", "-p", "no:legacypath", "-p", "no:tmpdir",
        "-p", "no:monkeypatch", "-p", "no:recwarn", "-p", "no:subtests", "-p", "no:setuponly", "-p", "no:setupplan",
        "-p", "no:unittest", "-p", "no:python_path",
        "--import-mode=importlib", "--rootdir", str(CONFTEST_ROOT), "-c", os.devnull,
        "--confcutdir", str(CONFTEST_ROOT), *extra,
    ]


def _pytest_main(folder: Path, extra: list[str], plugin) -> int:
    with _quiet():
        return pytest.main(_arguments(folder, ["-q", "--tb=no", "--no-header", *extra]), plugins=[plugin])


def worker_stats(session: Session) -> dict[str, float]:
    """What the worker says of itself, for benchmarks only (the student could forge it): its peak resident memory
    (``worker_peak_rss_mb``) and the seconds the checks' calls spent in the student's code (``student_calls``);
    empty when it does not answer."""
    try:
        stats = session.request({"op": "stats"})["value"]
        return {"worker_peak_rss_mb": round(float(stats["max_rss_kb"]) / 1024, 1),
                "student_calls": float(stats["calls_seconds"])}
    except (WorkerGone, KeyError, TypeError, ValueError):
        return {}
