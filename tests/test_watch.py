"""The grading service (``autograder watch``) on nbgrader's exchange: students submit, the service collects,
grades and releases feedback, and students fetch it, all through nbgrader's own exchange classes.

The policy (what a page shows before and after the due date, the attempt limit), restarts after a kill,
and the service's command line.  The same service on a real JupyterHub, with real accounts, is test_hub.py.
"""
import datetime as dt
import fcntl
import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import corpus, stored
from autograder.course import Course, UsageError, run_nbgrader
from autograder.policy import FeedbackPolicy, Rules
from autograder.watch import LOCK_FILE, STATE_FILE, GradingService

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK, REPO, ExchangeStudent, released_course

SOLUTION = REPO / "solutions" / ASSIGNMENT / CLASS_NOTEBOOK
MUTANT = "any_reshape_always_copies"  # one part wrong: its checks fail with a message and a reproducer


# -- the policy alone -------------------------------------------------------------------------------------

def test_visibility_before_and_after_the_due_date():
    rules = Rules(score="visible", messages="after_due_date", reproducers="hidden")
    due, before, after = dt.datetime(2026, 12, 1), dt.datetime(2026, 11, 30), dt.datetime(2026, 12, 2)
    early = rules.view(due, before)
    assert (early.score, early.messages, early.reproducers, early.later) == (True, False, False, ("messages",))
    late = rules.view(due, after)
    assert (late.score, late.messages, late.reproducers, late.later) == (True, True, False, ())
    assert rules.view(None, after).messages is False, "with no due date, after_due_date never shows"
    assert early.key != late.key, "a page whose view changed must be released again"


def test_per_assignment_settings_override_the_course_and_bad_ones_say_which():
    from traitlets.config import Config

    config = Config()
    config.FeedbackPolicy.reproducers = "visible"
    config.FeedbackPolicy.per_assignment = {"06_optimizer_loop": {"reproducers": "hidden", "attempt_interval_minutes": 30}}
    policy = FeedbackPolicy(config=config)
    assert policy.rules("01_view_reshape").reproducers == "visible"
    assert (policy.rules("06_optimizer_loop").reproducers, policy.rules("06_optimizer_loop").attempt_interval_minutes) == ("hidden", 30)
    for bad, says in [({"reproducers": "sometimes"}, "use one of visible, after_due_date, hidden"),
                      ({"colour": "red"}, "unknown setting 'colour'"),
                      ({"attempt_interval_minutes": -1}, "0 or more")]:
        config.FeedbackPolicy.per_assignment = {"01_view_reshape": bad}
        with pytest.raises(UsageError, match=re.escape(says)):
            FeedbackPolicy(config=config).rules("01_view_reshape")


# -- the service on an exchange ---------------------------------------------------------------------------

@pytest.fixture
def exchange_course(tmp_path):
    """A course with 01 released to an nbgrader exchange of its own (in tmp_path), nothing submitted;
    the policy lines given to ``make(...)`` are appended to its nbgrader_config.py."""
    from autograder.pool import close_graders

    def make(*policy: str) -> tuple[Course, Path]:
        root = released_course(tmp_path / "course")
        exchange = tmp_path / "exchange"
        exchange.mkdir(mode=0o777)
        with open(root / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.Exchange.root = {str(exchange)!r}\n" + "".join(f"{line}\n" for line in policy))
        run_nbgrader(root, "release_assignment", ASSIGNMENT, "--force")
        return Course(root), exchange

    yield make
    close_graders()  # the service's warm graders in this process


def student(name: str, exchange: Path) -> ExchangeStudent:
    learner = ExchangeStudent(name, exchange.parent / "students" / name, exchange)
    learner.fetch(ASSIGNMENT)
    return learner


def notebooks() -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The worked solution, and the solution with one part wrong (MUTANT)."""
    solution = nbformat.read(str(SOLUTION), as_version=4)
    mutants = {m.name: m.cells for m in corpus.variants(REPO, ASSIGNMENT, "mutants")}
    return solution, corpus.apply(solution, mutants[MUTANT])


def text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def failing(course: Course, name: str) -> tuple[str, str]:
    """The first failed check's message and reproducer, as the grading stored them."""
    result = stored.read_results(course, ASSIGNMENT, name)
    _names, message, reproducer = next(f for part in result.parts for f in part.failures())
    return message, reproducer


def graded_mtime(course: Course, name: str) -> float:
    return stored.autograded_path(course, ASSIGNMENT, name, Path(CLASS_NOTEBOOK)).stat().st_mtime


@pytest.mark.slow
@pytest.mark.integration
def test_students_fetch_feedback_and_a_passed_due_date_shows_more_without_grading_again(exchange_course):
    course, exchange = exchange_course()  # the default policy: score and messages now, reproducers after the due date
    right, wrong = notebooks()
    alice, bob, mallory = student("alice", exchange), student("bob", exchange), student("mallory", exchange)
    alice_stamp, bob_stamp = alice.submit(ASSIGNMENT, right), bob.submit(ASSIGNMENT, wrong)
    broken_stamp = mallory.submit(ASSIGNMENT, '{"cells": [')  # not a notebook: a zero with a reason, the rest go on
    clock = [time.time()]
    service = GradingService(course, [ASSIGNMENT], FeedbackPolicy(config=course.config), clock=lambda: clock[0])
    service.round()

    page = text(alice.feedback(ASSIGNMENT, alice_stamp))
    assert re.search(r"Score: 12 / 12 points", page), page[:500]
    page = text(bob.feedback(ASSIGNMENT, bob_stamp))
    message, reproducer = failing(course, "bob")
    assert "Score: 11.6667 / 12" in page and message in page
    assert reproducer.splitlines()[0] not in page, "reproducers are shown only after the due date by default"
    assert "Shown after the due date (not set yet): how to reproduce each failure" in page
    assert bob.feedback(ASSIGNMENT, alice_stamp) is None, "a student fetches only feedback on their own submissions"
    page = text(mallory.feedback(ASSIGNMENT, broken_stamp))
    assert "Score: 0 / 12" in page and "is not valid notebook JSON" in page, page[-800:]

    # the instructor sets a due date in an hour: nothing changes yet; once it has passed, the pages show the
    # reproducers, released again without grading again
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course.course_id) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
                                       + dt.timedelta(hours=1))
    graded = graded_mtime(course, "bob")
    service.round()
    assert "Shown after the due date (20" in text(bob.feedback(ASSIGNMENT, bob_stamp))
    clock[0] += 2 * 3600
    service.round()
    page = text(bob.feedback(ASSIGNMENT, bob_stamp))
    assert reproducer.splitlines()[0] in page and "Shown after the due date" not in page
    assert graded_mtime(course, "bob") == graded, "a changed view is released again, not graded again"


@pytest.mark.slow
@pytest.mark.integration
def test_a_submission_over_the_attempt_limit_is_held_and_graded_when_its_time_comes(exchange_course):
    course, exchange = exchange_course("c.FeedbackPolicy.attempt_interval_minutes = 10",
                                       "c.FeedbackPolicy.per_assignment = {'01_view_reshape': {'reproducers': 'visible'}}")
    right, wrong = notebooks()
    carol = student("carol", exchange)
    first = carol.submit(ASSIGNMENT, wrong)
    clock = [time.time()]
    service = GradingService(course, [ASSIGNMENT], FeedbackPolicy(config=course.config), clock=lambda: clock[0])
    service.round()
    message, reproducer = failing(course, "carol")
    page = text(carol.feedback(ASSIGNMENT, first))
    assert message in page and reproducer.splitlines()[0] in page, "this assignment shows reproducers before the due date"

    second = carol.submit(ASSIGNMENT, right)  # at once: over the limit of one grading per 10 minutes
    service.round()
    held = text(carol.feedback(ASSIGNMENT, second))
    free_at = dt.datetime.fromtimestamp(graded_mtime(course, "carol") + 600, dt.timezone.utc)
    assert "This submission is held" in held and f"It will be graded at {free_at:%Y-%m-%d %H:%M} UTC" in held, held
    assert "Score" not in held
    assert stored.read_results(course, ASSIGNMENT, "carol").score < 12, "the held submission is not graded yet"

    clock[0] = graded_mtime(course, "carol") + 601
    service.round()
    assert "Score: 12 / 12" in text(carol.feedback(ASSIGNMENT, second))
    assert message in text(carol.feedback(ASSIGNMENT, first)), "the first submission's page stays as it was"


@pytest.mark.slow
@pytest.mark.integration
def test_after_a_kill_the_service_releases_what_was_graded_and_grades_nothing_twice(exchange_course):
    from autograder.batch import grade_class

    course, exchange = exchange_course()
    right, _ = notebooks()
    dave = student("dave", exchange)
    stamp = dave.submit(ASSIGNMENT, right)
    service = GradingService(course, [ASSIGNMENT], FeedbackPolicy(config=course.config))
    service.collect(ASSIGNMENT)
    grade_class(course, ASSIGNMENT)  # graded, then the service was killed before it released the feedback
    graded = graded_mtime(course, "dave")
    assert dave.feedback(ASSIGNMENT, stamp) is None

    GradingService(course, [ASSIGNMENT], FeedbackPolicy(config=course.config)).round()  # restarted
    assert "Score: 12 / 12" in text(dave.feedback(ASSIGNMENT, stamp))
    (course.root / STATE_FILE).write_text("{not json")  # even the record of what was released is lost
    GradingService(course, [ASSIGNMENT], FeedbackPolicy(config=course.config)).round()
    assert "Score: 12 / 12" in text(dave.feedback(ASSIGNMENT, stamp))
    assert graded_mtime(course, "dave") == graded, "nothing was graded twice"


# -- the command ------------------------------------------------------------------------------------------

def test_watch_says_in_one_line_what_is_wrong(cli, empty_course):
    with open(empty_course / "nbgrader_config.py", "a") as config:
        config.write("\nc.FeedbackPolicy.score = 'sometimes'\n")
    done = cli(empty_course, "watch", "--once")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "FeedbackPolicy" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_second_service_for_the_same_course_refuses_to_start(cli, empty_course):
    with open(empty_course / LOCK_FILE, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = cli(empty_course, "watch", "--once")
    assert done.returncode == 2 and "another `autograder watch` is running" in done.stderr, done.stderr


@pytest.mark.slow
@pytest.mark.integration
def test_sigterm_mid_grading_stops_the_service_cleanly_and_the_submission_waits_for_the_next_start(exchange_course, no_reaping_init):
    from test_lifetime import descendants, still_running, unreaped

    course, exchange = exchange_course()
    right, _ = notebooks()
    answer = next(c.source for c in right.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "any_reshape")
    erin = student("erin", exchange)
    erin.submit(ASSIGNMENT, corpus.apply(right, {"any_reshape": "import time\ntime.sleep(60)\n" + answer}))
    service = subprocess.Popen([sys.executable, "-m", "autograder", "watch", "--interval", "0.5"], cwd=course.root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and service.poll() is None:
        seen |= descendants(service.pid)
        if any("/jobs/job-" in _cwd(pid) for pid, _ in seen):  # a sandboxed worker runs erin's cells
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"no worker started: {service.communicate(timeout=30)}")
    service.send_signal(signal.SIGTERM)
    out, err = service.communicate(timeout=30)
    assert service.returncode == 0 and out.rstrip().endswith("stopped"), (service.returncode, out, err)
    assert "Traceback" not in err, err
    time.sleep(1)
    assert not still_running(seen), still_running(seen)
    assert unreaped(seen) == []  # a clean stop reads its processes' exit status itself, not PID 1
    submitted = course.folder(course.dirs.submitted_directory, ASSIGNMENT, "erin") / CLASS_NOTEBOOK
    assert stored.needs_grading(course, ASSIGNMENT, "erin", submitted), "the abandoned grading recorded nothing"


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""
