"""The pytest plugin through which the judge runs one submission's hidden checks.

It provides the ``student`` fixture and turns each check's outcome into a
one-line message for the student (never a traceback or the check's source).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .checking import CheckFailure
from .sandbox import WorkerGone
from .student import Session, Student, StudentError

MAX_MESSAGE = 300


@dataclass
class Outcome:
    part: str
    check: str
    passed: bool
    message: str = ""
    seconds: float = 0.0  # time in the check itself (its calls into the worker included)


def _first_leaf(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def one_line(text: str) -> str:
    line = " ".join(text.strip().split())
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 3] + "..."


def student_message(exc: BaseException) -> str:
    """What a student reads for a failed check."""
    exc = _first_leaf(exc)
    if isinstance(exc, CheckFailure):
        return one_line(str(exc))
    if isinstance(exc, StudentError):
        if exc.error_type == "NotImplementedError":
            return f"{exc.name} is not implemented yet (it raises NotImplementedError)"
        if exc.error_type == "NameError" and f"'{exc.name}'" in exc.message:
            return f"{exc.name} is not defined: run its cell without errors and keep the name the task gives"
        return one_line(str(exc))
    if isinstance(exc, WorkerGone):
        return one_line(f"your code {exc}")
    if isinstance(exc, AssertionError) and str(exc).strip():
        return one_line(str(exc).strip().splitlines()[0])
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return one_line(f"the check could not use your result ({type(exc).__name__}{': ' + detail if detail else ''})")


class ChecksPlugin:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.outcomes: dict[str, Outcome] = {}
        self.collection_errors: list[str] = []

    @pytest.fixture(scope="session")
    def student(self) -> Student:
        return Student(self.session)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.session.revive()  # a previous check may have hung or crashed the worker

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        part = Path(str(item.path)).stem
        check = item.name[len("test_"):] if item.name.startswith("test_") else item.name
        if report.when == "call" or (report.failed and item.nodeid not in self.outcomes):
            if report.passed:
                outcome = Outcome(part, check, True)
            elif report.skipped:
                outcome = Outcome(part, check, False, "check was skipped")
            else:
                outcome = Outcome(part, check, False, student_message(call.excinfo.value) if call.excinfo else "check failed")
            outcome.seconds = report.duration if report.when == "call" else 0.0
            previous = self.outcomes.get(item.nodeid)
            if previous is None or previous.passed:  # a teardown error cannot turn a failure into a pass
                self.outcomes[item.nodeid] = outcome
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {one_line(str(report.longrepr))}")
