"""The pytest plugin through which the judge runs one submission's hidden checks.

It provides the ``student`` fixture and turns each check's outcome into a
one-line message for the student (never a traceback or the check's source).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch

from . import ahead, examples, reproducer
from .checking import CheckFailure
from .devices import SHAPE_ONLY
from .i18n import _
from .sandbox import GraderBroken, WorkerGone
from .student import CALL_SEED, Session, Student, StudentError

MAX_MESSAGE = 300


@dataclass
class Outcome:
    part: str
    check: str
    passed: bool
    message: str = ""
    seconds: float = 0.0  # time in the check itself (its calls into the worker included)
    reproducer: str = ""  # a few lines the student can run to see the failing case (reproducer.py)


def _first_leaf(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def part_name(item: pytest.Item) -> str:
    """The part (the graded cell's grade_id) a check belongs to: its file is ``<grade_id>.py``."""
    return Path(str(item.path)).stem


def check_name(item: pytest.Item) -> str:
    """A check's name as students read it: the test function's name without ``test_`` (and its device)."""
    return item.name[len("test_"):] if item.name.startswith("test_") else item.name


def one_line(text: str) -> str:
    line = " ".join(text.strip().split())
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 3] + "..."


def student_message(exc: BaseException, device: str | None = None, demo_only: frozenset[str] = frozenset()) -> str:
    """What a student reads for a failed check (``device``: the device a device check ran on; ``demo_only``:
    names that only the notebook's example cells define)."""
    exc = _first_leaf(exc)
    if isinstance(exc, CheckFailure):
        return one_line(str(exc))
    missing = re.match(r"name '(\w+)' is not defined", exc.message) if isinstance(exc, StudentError) else None
    if missing and missing.group(1) in demo_only:
        return _("{name} is defined only in an example cell, which grading skips: import it (or define it) in your "
                 "answer cell").format(name=missing.group(1))
    if isinstance(exc, StudentError) and device in ("meta", "cuda") and exc.error_type != "NameError" and exc.message:
        # the advice first: PyTorch's own text (cut to fit) may suggest the opposite, e.g. moving to the CPU
        return one_line(_("{name} failed for inputs on the '{device}' device: keep every tensor on the input's device "
                          "(no .cpu(), .cuda() or .numpy() inside; new tensors with device=x.device or *_like)").format(
                              name=exc.name, device=device)
                        + (_(" ('meta' tensors have shapes but no data: they stand in for a GPU here)") if device == "meta" else "")
                        + f". {exc.error_type}: {exc.message}")
    if isinstance(exc, StudentError):
        if exc.error_type == "NotImplementedError" and not exc.message:
            return _("{name} is not implemented yet (it raises NotImplementedError)").format(name=exc.name)
        if exc.error_type == "NameError" and f"'{exc.name}'" in exc.message:
            return _("{name} is not defined: run its cell without errors and keep the name the task gives").format(name=exc.name)
        return one_line(str(exc))
    if isinstance(exc, WorkerGone):
        return one_line(_("your code {reason}").format(reason=exc))
    if isinstance(exc, AssertionError) and str(exc).strip():
        return one_line(str(exc).strip().splitlines()[0])
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    error = f"{type(exc).__name__}{': ' + detail if detail else ''}"
    return one_line(_("the check could not use your result ({error})").format(error=error))


def worth_reproducing(exc: BaseException) -> bool:
    """A missing or unimplemented function needs no reproducer: its message says all.

    A NotImplementedError with a message is a real failure (torch raises one for an operation a
    'meta' tensor cannot do), as ``student_message`` treats it: that one gets a reproducer."""
    exc = _first_leaf(exc)
    if not isinstance(exc, StudentError):
        return True
    return not (exc.error_type == "NameError" or (exc.error_type == "NotImplementedError" and not exc.message))


_cuda_seed: int | None = None  # the seed queued for CUDA's generator while CUDA is not initialized in the judge


def seed_everything(seed: int) -> None:
    """The judge's own random streams, so a check's inputs never depend on the checks run before it."""
    import random

    import numpy

    global _cuda_seed
    random.seed(seed)
    numpy.random.seed(seed)
    # torch.manual_seed also queues a seed for every accelerator backend this process has not initialized,
    # each with a formatted stack (~1 ms a check under pytest): the CPU generator, and CUDA's queued once per
    # seed until it is initialized, give the same streams
    torch.default_generator.manual_seed(seed)
    if torch.cuda.is_initialized() or _cuda_seed != seed:
        torch.cuda.manual_seed_all(seed)
        _cuda_seed = seed


def order_by_requirements(items: list[pytest.Item], errors: list[str]) -> None:
    """Within each file, a check runs after the checks it ``requires`` (stable otherwise); a required check
    that does not exist in the file is an error in the checks."""
    by_file: dict[str, dict[str, list[pytest.Item]]] = {}  # file -> test function -> its items (one per device)
    for item in items:
        by_file.setdefault(str(item.path), {}).setdefault(getattr(item, "originalname", item.name), []).append(item)
    depths: dict[int, int] = {}

    def depth(item: pytest.Item, seen: frozenset = frozenset()) -> int:
        if id(item) not in depths:
            marker = item.get_closest_marker("requires")
            checks = by_file[str(item.path)]
            required = [other for name in (marker.args if marker else ()) for other in checks.get(name, [])
                        if id(other) not in seen]
            depths[id(item)] = 1 + max((depth(o, seen | {id(item)}) for o in required), default=0) if marker else 0
        return depths[id(item)]

    for file, checks in by_file.items():
        wanted = {name for group in checks.values() for marker in [group[0].get_closest_marker("requires")] if marker
                  for name in marker.args}
        errors += [f"{file}: a check requires {name}, which is not a check of {Path(file).name}"
                   for name in sorted(wanted - set(checks))]
    files = {file: index for index, file in enumerate(by_file)}
    position = {id(item): index for index, item in enumerate(items)}
    items.sort(key=lambda item: (files[str(item.path)], depth(item), position[id(item)]))


class ChecksPlugin:
    def __init__(self, devices: tuple[str, ...] = ("cpu",)) -> None:
        self.session: Session | None = None  # the worker of the submission being graded (begin)
        self.demo_only: frozenset[str] = frozenset()  # names only example cells define (notebook.demo_only_names)
        self.devices = devices
        self.not_run: dict[str, str] = {}  # part -> why its checks fail without running (an unanswered part)
        self.outcomes: dict[str, Outcome] = {}
        self.collection_errors: list[str] = []
        self.broken: GraderBroken | None = None  # set when no worker could be started for a check
        self.replay_examples = self.batch_calls = True  # read from the environment for each submission (begin)

    def begin(self, session: Session, not_run: dict[str, str], demo_only: frozenset[str]) -> None:
        """Before one submission's run (judge.Checks): its worker, its unanswered parts, a fresh record."""
        self.session, self.not_run, self.demo_only = session, not_run, demo_only
        self.outcomes, self.broken = {}, None
        self.replay_examples = os.environ.get("AUTOGRADER_REPLAY_EXAMPLES", "1") != "0"  # 0: hypothesis every time
        self.batch_calls = os.environ.get("AUTOGRADER_BATCH_CALLS", "1") != "0"  # 0: every call on its own

    def skip_unanswered(self, item: pytest.Item) -> bool:
        """An item of a part in ``not_run``: recorded as failed with the part's reason, not run."""
        part = part_name(item)
        if part not in self.not_run:
            return False
        self.outcomes[item.nodeid] = Outcome(part, check_name(item), False, self.not_run[part])
        return True

    @pytest.fixture(scope="session")
    def student(self) -> Student:
        return Student(self.session)

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "shape_only: the check's computation needs no data; it also runs on 'meta'")
        config.addinivalue_line("markers", "requires(*checks): earns its share only once these checks passed")

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """A check that asks for ``device`` runs once per grading device (and on meta when shape-only)."""
        if "device" in metafunc.fixturenames:
            devices = list(self.devices)
            if metafunc.definition.get_closest_marker("shape_only"):
                devices.append(SHAPE_ONLY)
            metafunc.parametrize("device", [torch.device(d) for d in devices], ids=devices)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        unmet = self.unmet_requirements(item)
        if unmet:  # not run, and no worker is revived for it
            raise CheckFailure(_("not checked until {checks} passes").format(checks=", ".join(unmet)))
        try:
            self.session.revive()  # a previous check may have hung or crashed the worker
        except GraderBroken as exc:  # no worker can be started any more: stop, and record nothing
            self.broken = exc
            item.session.shouldstop = str(exc)
            raise
        seed_everything(CALL_SEED)
        self.session.last_call = None
        self.session.begin_check(ahead.calls_for(item.nodeid) if self.batch_calls else ([], []),
                                 note=self.batch_calls and not ahead.known(item.nodeid))

    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function):
        """A property check's inputs are drawn once per process and replayed afterwards (examples.py)."""
        test = pyfuncitem.obj
        if not getattr(test, "is_hypothesis_test", False) or not self.replay_examples:
            return None
        fixtures = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        examples.run(pyfuncitem.nodeid, test, fixtures)
        return True

    def unmet_requirements(self, item: pytest.Item) -> list[str]:
        """The checks named by the item's ``requires`` marker that have not all passed (their every device)."""
        marker = item.get_closest_marker("requires")
        if marker is None:
            return []
        part = part_name(item)
        unmet = []
        for name in marker.args:
            check = name[len("test_"):] if name.startswith("test_") else name
            mine = [o for o in self.outcomes.values() if o.part == part and o.check.split("[", 1)[0] == check]
            if not mine or not all(o.passed for o in mine):
                unmet.append(check)
        return unmet

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        order_by_requirements(items, self.collection_errors)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        part = part_name(item)
        check = check_name(item)
        if report.when == "call" or (report.failed and item.nodeid not in self.outcomes):
            if report.passed:
                outcome = Outcome(part, check, True)
                if report.when == "call" and self.batch_calls and self.session.made is not None:
                    ahead.remember(item.nodeid, self.session.made)
            elif report.skipped:
                outcome = Outcome(part, check, False, _("check was skipped"))
            else:
                device = getattr(getattr(item, "callspec", None), "params", {}).get("device")
                message = (student_message(call.excinfo.value, getattr(device, "type", None), self.demo_only)
                           if call.excinfo else _("check failed"))
                outcome = Outcome(part, check, False, message)
                if call.excinfo and report.when == "call" and worth_reproducing(call.excinfo.value):
                    outcome.reproducer = self.reproducer(call.excinfo.value)
            outcome.seconds = report.duration if report.when == "call" else 0.0
            previous = self.outcomes.get(item.nodeid)
            if previous is None or previous.passed:  # a teardown error cannot turn a failure into a pass
                self.outcomes[item.nodeid] = outcome
        return report

    def reproducer(self, exc: BaseException) -> str:
        try:
            return reproducer.build(self.session.last_call, _first_leaf(exc), CALL_SEED)
        except Exception:  # a reproducer is a courtesy: never let it cost the student the check's message
            return ""

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {one_line(str(report.longrepr))}")
