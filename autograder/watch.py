"""``autograder watch``: grade submissions as they arrive and release their feedback within seconds.

Every round, for each watched assignment, top to bottom:

  collect   nbgrader's own collect (newer submissions replace older ones) from the exchange into submitted/
  decide    per student: grade now, hold (the policy's attempt limit), or release again (the policy's view changed)
  grade     the usual engine into the gradebook and autograded/ (batch.grade_class); graders stay warm between rounds
  page      the student's feedback page as the policy shows it now: feedback/<student>/<assignment>/<notebook>.html
  release   nbgrader's own release_feedback, so the student's Fetch Feedback in JupyterLab finds the page

What was graded is what autograded/ says (batch.py); what was released is kept in ``.autograder-watch.json``
in the course, written after each release.  So a service killed at any point grades nothing twice and loses
nothing: on restart it grades what is still ungraded and releases what was graded but not yet released.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from traitlets import TraitError

from . import pages, stored
from .course import Course, UsageError, checks_dir
from .feedback import student_page
from .i18n import _
from .policy import FeedbackPolicy, Rules, View
from .sandbox import Limits

STATE_FILE = ".autograder-watch.json"
LOCK_FILE = ".autograder-watch.lock"
RETRY_SECONDS = 60  # a grading that failed for the grader's own reasons is tried again after this long
log = logging.getLogger("autograder.watch")


class Stopped(Exception):
    """SIGTERM or SIGINT arrived: the service ends after tidying up."""


def utc_now(clock: Callable[[], float]) -> dt.datetime:
    """nbgrader stores due dates as naive UTC datetimes; so do we."""
    return dt.datetime.fromtimestamp(clock(), dt.timezone.utc).replace(tzinfo=None)


def shown_time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


class Released:
    """What feedback each student last got, per assignment: ``{assignment: {student: [timestamp, view]}}``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.data = {}
        except ValueError:
            log.warning("%s is unreadable; every graded submission's feedback is released again", path)
            self.data = {}

    def get(self, assignment: str, student: str) -> tuple[str, str] | None:
        entry = self.data.get(assignment, {}).get(student)
        return tuple(entry) if entry else None

    def set(self, assignment: str, student: str, timestamp: str, view: str) -> None:
        self.data.setdefault(assignment, {})[student] = [timestamp, view]
        partial = self.path.with_name(f".{self.path.name}.partial")
        partial.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)


class GradingService:
    """One course's grading service; ``run()`` until stopped, or ``round()`` once."""

    def __init__(self, course: Course, assignments: list[str], policy: FeedbackPolicy, *, workers: int = 1,
                 limits: Limits = Limits(), devices: tuple[str, ...] = ("cpu",), clock: Callable[[], float] = time.time):
        from nbgrader.apps import NbGraderAPI

        self.course, self.assignments, self.workers, self.limits, self.devices = course, assignments, workers, limits, devices
        self.rules = {a: policy.rules(a) for a in assignments}
        self.clock = clock
        self.api = NbGraderAPI(coursedir=course.dirs, config=course.config)
        self.released = Released(course.root / STATE_FILE)
        self.pool = None  # a warm_pool while run() runs with workers > 1
        self.grading = False  # while True, a stop signal abandons the grading at once
        self._failed: dict[tuple[str, str, str], float] = {}  # (assignment, student, timestamp) -> when it failed
        self._last_error: dict[str, str] = {}  # per assignment, so a standing problem is logged once

    # -- the loop ---------------------------------------------------------------------------------------

    def run(self, interval: float, stop: threading.Event) -> None:
        from .pool import close_graders, warm_pool

        log.info("watching %s in %s (every %g s, %d worker(s)); policy: %s", ", ".join(self.assignments),
                 self.course.root, interval, self.workers,
                 "; ".join(f"{a}: {describe(r)}" for a, r in self.rules.items()))
        with warm_pool(self.workers) if self.workers > 1 else nullcontext() as pool:
            self.pool = pool
            try:
                while not stop.is_set():
                    self.round(stop)
                    stop.wait(interval)
            finally:
                self.pool = None
                close_graders()

    def round(self, stop: threading.Event | None = None) -> None:
        for assignment in self.assignments:
            if stop is not None and stop.is_set():
                return
            try:
                self.round_for(assignment)
                self._last_error.pop(assignment, None)
            except (Stopped, KeyboardInterrupt, SystemExit):
                raise
            except Exception as exc:  # the service outlives any one problem; it says what it was, once
                message = f"{type(exc).__name__}: {exc}".splitlines()[0]
                if self._last_error.get(assignment) != message:
                    log.error("%s: %s (tried again every round)", assignment, message)
                    self._last_error[assignment] = message

    def round_for(self, assignment: str) -> None:
        rules = self.rules[assignment]
        self.collect(assignment)
        due = self.due_date(assignment)
        now = utc_now(self.clock)
        view = rules.view(due, now)
        to_grade: dict[str, str] = {}
        for student, submitted in self.course.submissions(assignment):
            stamp = timestamp(submitted)
            if stored.needs_grading(self.course, assignment, student, submitted):
                if (assignment, student, stamp) in self._failed and \
                        self.clock() - self._failed[(assignment, student, stamp)] < RETRY_SECONDS:
                    continue
                free_at = self.next_grading(assignment, student, submitted, rules)
                if free_at is not None and self.clock() < free_at:
                    self.hold(assignment, student, submitted, stamp, rules, free_at)
                else:
                    to_grade[student] = stamp
            elif self.released.get(assignment, student) != (stamp, page_key(view, due)):
                self.release_page(assignment, student, submitted, stamp, view, due)  # after a restart, or past due
        if to_grade:
            self.grade(assignment, to_grade, view, due)

    # -- the steps --------------------------------------------------------------------------------------

    def collect(self, assignment: str) -> None:
        outcome = self.api.collect(assignment, update=True)
        if not outcome.get("success"):
            raise RuntimeError(f"nbgrader collect failed: {last_line(outcome)}")

    def due_date(self, assignment: str) -> dt.datetime | None:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.course.db_url, self.course.course_id) as gb:
            try:
                return gb.find_assignment(assignment).duedate
            except MissingEntry:
                return None

    def next_grading(self, assignment: str, student: str, submitted: Path, rules: Rules) -> float | None:
        """When this student's next submission may be graded (epoch seconds), or None: now."""
        last = stored.graded_at(self.course, assignment, student, submitted)
        return None if last is None or not rules.attempt_interval_minutes else last + rules.attempt_interval.total_seconds()

    def hold(self, assignment: str, student: str, submitted: Path, stamp: str, rules: Rules, free_at: float) -> None:
        when = shown_time(utc_now(lambda: free_at))
        key = f"held until {when}"
        if self.released.get(assignment, student) == (stamp, key):
            return
        page = pages.render("held.html.j2", assignment=assignment, student=student, submitted_at=short(stamp),
                            minutes=f"{rules.attempt_interval_minutes:g}", when=when)
        self.publish(assignment, student, submitted, stamp, key, page)
        log.info("held %s %s (submitted %s): over the attempt limit, graded at %s", student, assignment, short(stamp), when)

    def grade(self, assignment: str, students: dict[str, str], view: View, due: dt.datetime | None) -> None:
        """Grade these students' submissions (``{student: timestamp}``), releasing each page as its grading ends."""
        from .batch import grade_class

        submitted = dict(self.course.submissions(assignment))
        started = [time.monotonic()]

        def graded(student: str, result) -> None:
            seconds, started[0] = time.monotonic() - started[0], time.monotonic()
            stamp = students[student]
            if result.internal_error:
                self._failed[(assignment, student, stamp)] = self.clock()
                log.error("could not grade %s %s (submitted %s), tried again in %d s: %s", student, assignment,
                          short(stamp), RETRY_SECONDS, result.output)
                return
            released = self.release_page(assignment, student, submitted[student], stamp, view, due, quiet=True)
            log.info("graded %s %s (submitted %s): %s / %s, %.1f s after the previous one; %s", student, assignment,
                     short(stamp), f"{float(result.score):g}", f"{float(result.max_score):g}", seconds,
                     f"feedback released {latency(stamp, time.time()):.1f} s after submitting" if released
                     else "feedback NOT released (see above)")

        self.grading = True
        try:
            grade_class(self.course, assignment, set(students), workers=self.workers, limits=self.limits,
                        devices=self.devices, pool=self.pool, on_result=graded)
        finally:
            self.grading = False

    def release_page(self, assignment: str, student: str, submitted: Path, stamp: str, view: View,
                     due: dt.datetime | None, quiet: bool = False) -> bool:
        result = stored.read_results(self.course, assignment, student)
        if result is None:
            return False
        page = student_page(result, student, assignment, view, submitted_at=short(stamp),
                            due=shown_time(due) if due else "")
        done = self.publish(assignment, student, submitted, stamp, page_key(view, due), page)
        if done and not quiet:
            log.info("released %s %s (submitted %s) again: it shows %s%s", student, assignment, short(stamp),
                     view.key.replace(",", ", "), f" (due {shown_time(due)})" if due else "")
        return done

    def release_feedback(self, assignment: str, student: str) -> dict:
        """nbgrader's release_feedback for one student (as NbGraderAPI.release_feedback, which passes
        the authenticator under a misspelt name in nbgrader 0.9.6)."""
        from nbgrader.apps.api import capture_log, temp_attrs

        api = self.api
        with temp_attrs(api.coursedir, assignment_id=assignment, student_id=student):
            return capture_log(api.exchange.ReleaseFeedback(coursedir=api.coursedir, authenticator=api.authenticator,
                                                            parent=api))

    def publish(self, assignment: str, student: str, submitted: Path, stamp: str, key: str, page: str) -> bool:
        """Write the page where nbgrader's release_feedback looks, release it, and remember that it was."""
        folder = self.course.folder(self.course.dirs.feedback_directory, assignment, student)
        secret = submitted.with_name("submission_secret.txt")
        if not secret.is_file():
            log.error("cannot release feedback to %s for %s: the submission has no submission_secret.txt "
                      "(it did not come through nbgrader's exchange)", student, assignment)
            self.released.set(assignment, student, stamp, key)  # said once; nothing to deliver it through
            return False
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("timestamp.txt", "submission_secret.txt"):
            shutil.copyfile(submitted.with_name(name), folder / name)
        pages.write(folder / f"{submitted.stem}.html", page)
        outcome = self.release_feedback(assignment, student)
        if not outcome.get("success"):
            log.error("nbgrader release_feedback failed for %s %s: %s", student, assignment, last_line(outcome))
            return False
        self.released.set(assignment, student, stamp, key)
        return True


def page_key(view: View, due: dt.datetime | None) -> str:
    """What a released page depends on besides the grading: a new due date changes what it says, too."""
    return f"{view.key}; due {shown_time(due) if due else '-'}"


def timestamp(submitted: Path) -> str:
    path = submitted.with_name("timestamp.txt")
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def short(stamp: str) -> str:
    """nbgrader's ``2026-11-28 10:00:00.123456 UTC`` without the microseconds."""
    head, dot, tail = stamp.partition(".")
    return f"{head} {tail.split(' ', 1)[1]}" if dot and " " in tail else stamp


def latency(stamp: str, now: float) -> float:
    from dateutil.parser import parse

    try:
        return now - parse(stamp).timestamp()
    except (ValueError, OverflowError):
        return float("nan")


def last_line(outcome: dict) -> str:
    lines = [line for line in (outcome.get("error") or outcome.get("log") or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no reason given"


def describe(rules: Rules) -> str:
    return (f"score {rules.score}, messages {rules.messages}, reproducers {rules.reproducers}, "
            f"one grading per {rules.attempt_interval_minutes:g} min")


@contextmanager
def service_lock(course: Course) -> Iterator[None]:
    """One service per course: a second one says so in one line instead of releasing feedback twice."""
    with open(course.root / LOCK_FILE, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another `autograder watch` is running for {course.root} "
                             f"(it holds {course.root / LOCK_FILE})") from None
        yield


@contextmanager
def stop_on_signals(stop: threading.Event, grading: Callable[[], bool]) -> Iterator[None]:
    """SIGTERM (JupyterHub stopping its service, systemd) or SIGINT end the service: a round in progress
    finishes its short steps, but a grading in progress is abandoned (the submission stays ungraded and is
    graded on the next start)."""
    def handler(signum, frame):
        stop.set()
        if grading():
            raise Stopped()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def watch_command(course: Course, assignments: list[str], interval: float, workers: int, once: bool,
                  devices: tuple[str, ...]) -> int:
    if not log.handlers:  # one line per event on stdout; nbgrader's own chatter stays out of it
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    try:
        policy = FeedbackPolicy(config=course.config)
    except TraitError as exc:
        raise UsageError(f"nbgrader_config.py: {str(exc).splitlines()[0]}") from None
    chosen = assignments or [a for a in course.assignments() if checks_dir(a).is_dir()]
    for assignment in chosen:
        course.check_assignment(assignment)
    watched = [a for a in chosen if policy.rules(a).grade_on_arrival]
    if not watched:
        raise UsageError("no assignment is graded on arrival (c.FeedbackPolicy.grade_on_arrival); nothing to watch")
    for skipped in sorted(set(chosen) - set(watched)):
        log.info("%s: not graded on arrival (c.FeedbackPolicy); left to `autograder grade`", skipped)
    with service_lock(course):
        service = GradingService(course, watched, policy, workers=workers, devices=devices)
        stop = threading.Event()
        try:
            with stop_on_signals(stop, lambda: service.grading):
                if once:
                    service.round(stop)
                else:
                    service.run(interval, stop)
        except Stopped:
            pass
        finally:
            from .pool import close_graders

            close_graders()
        log.info("stopped" if stop.is_set() else "done")
    return 0
