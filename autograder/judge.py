"""The judge: the hidden checks, run by pytest in this (trusted) process against a live worker.

``run_checks`` runs every check of an assignment's folder and returns one ``Outcome`` per check;
``collect_checks`` only names them (for a zero, or a report's rows) without a worker.
"""
from __future__ import annotations

import contextlib
import io
import os
import warnings
from pathlib import Path

import pytest

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
    plugin = ChecksPlugin(session, devices, not_run, demo_only)
    _pytest_main(folder, [], plugin)
    if plugin.broken is not None:
        raise plugin.broken
    if plugin.collection_errors:
        raise ChecksBroken("; ".join(plugin.collection_errors))
    return list(plugin.outcomes.values())


def collect_checks(folder: Path, devices: tuple[str, ...] = ("cpu",)) -> list[tuple[str, str]]:
    """``(part, check)`` for every check in ``folder``, one per device variant, without running any."""
    collector = _Collector(None, devices)
    _pytest_main(folder, ["--collect-only"], collector)
    return collector.names


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
        # nor do these, whose hooks run for every check (the checks ask only for `student` and `device`; warnings
        # are ignored for the whole run below): half of pytest's own time per grading (42 empty checks: 60 -> 30 ms)
        "-p", "no:warnings", "-p", "no:hypothesispytest", "-p", "no:anyio", "-p", "no:legacypath", "-p", "no:tmpdir",
        "-p", "no:monkeypatch", "-p", "no:recwarn", "-p", "no:subtests", "-p", "no:setuponly", "-p", "no:setupplan",
        "-p", "no:unittest", "-p", "no:python_path",
        "--import-mode=importlib", "--rootdir", str(CONFTEST_ROOT), "-c", os.devnull,
        "--confcutdir", str(CONFTEST_ROOT),
        "--tb=no", "--no-header", *extra,
    ]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.main(args, plugins=[plugin])


def worker_peak_mb(session: Session) -> float | None:
    """The worker's own peak resident memory, as it reports it (for benchmarks only)."""
    try:
        reply = session.request({"op": "stats"})
        return round(float(reply["value"]["max_rss_kb"]) / 1024, 1)
    except (WorkerGone, KeyError, TypeError, ValueError):
        return None
