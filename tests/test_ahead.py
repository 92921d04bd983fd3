"""Calls sent ahead in one batch (autograder/ahead.py): the same outcomes as live calls, a hanging call fails
as it would live, and no batched call runs after a reply that differs from the recorded one."""
from functools import partial
from pathlib import Path

import pytest

from autograder import ahead, corpus, examples
from autograder import notebook as nb
from autograder.notebook_run import restart, run_notebook
from autograder.sandbox import worker as protocol
from autograder.student import Session, Student

from helpers import CORRECT, TOY

CHECKS = '''
import torch
from hypothesis import given, settings, strategies as st
from autograder.checking import expect_tensor

GRADING = settings(max_examples=10, derandomize=True, database=None, deadline=None)


@GRADING
@given(n=st.integers(0, 6))
def test_doubles_vectors(student, n):
    x = torch.arange(float(n))
    expect_tensor(student.double(x), x * 2)


def test_doubles_a_matrix_then_its_double(student):
    x = torch.ones(2, 3)
    once = student.double(x)
    expect_tensor(once, x * 2)
    expect_tensor(student.double(once), x * 4)  # made from a reply: sent ahead only after that very reply
'''
HANGS_ON_FOUR = "def double(x):\n    if x.dim() == 1 and x.numel() == 4:\n        import time\n        time.sleep(60)\n    return x * 2\n"
OFF_BY_ONE = "def double(x):\n    return x * 2 + (x.numel() == 5)\n"
# correct, but its replies are other bytes (each result a view of a storage twice its size): nothing recorded fits
IN_A_LARGER_STORAGE = "def double(x):\n    return torch.cat([x * 2, x])[:len(x)]\n"


@pytest.fixture
def grader(tmp_path):
    """A toy grader (3 s per call) with the checks above; no recording from another test, before or after."""
    from autograder.grader import Grader
    from autograder.sandbox import Limits

    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "test_double.py").write_text(CHECKS)
    ahead.forget()
    examples.forget()
    grader = Grader("toy", TOY / "toy.ipynb", Limits(notebook_seconds=8, call_seconds=3), checks=tmp_path / "checks")
    yield grader
    grader.close()
    ahead.forget()
    examples.forget()


def outcomes(grader, toy_source, answers: list[dict]) -> list[list[tuple]]:
    return [[(c.check, c.passed, c.message, c.reproducer) for p in grader.grade_notebook(
        corpus.apply(toy_source, {**CORRECT, **a}), Path("s.ipynb")).parts for c in p.checks] for a in answers]


@pytest.mark.slow
def test_batched_and_live_calls_give_the_same_outcomes_and_a_hang_fails_only_its_check(grader, toy_source, monkeypatch):
    answers = [{}, {"double": HANGS_ON_FOUR}, {"double": OFF_BY_ONE}, {"double": IN_A_LARGER_STORAGE}, {}]
    monkeypatch.setenv("AUTOGRADER_BATCH_CALLS", "0")
    live = outcomes(grader, toy_source, answers)
    ahead.forget()
    examples.forget()
    monkeypatch.setenv("AUTOGRADER_BATCH_CALLS", "1")
    batched = outcomes(grader, toy_source, answers)
    assert batched == live
    hanging = {check: (passed, message) for check, passed, message, _ in batched[1]}
    assert hanging["doubles_vectors"][0] is False and "3 s" in hanging["doubles_vectors"][1]
    # as with live calls, a function that hung is not called again: its other checks fail at once, saying why
    assert hanging["doubles_a_matrix_then_its_double"] == hanging["doubles_vectors"]
    assert [passed for _, passed, _, _ in batched[2]] == [False, True]
    assert [passed for _, passed, _, _ in batched[3]] == [True, True]


def test_every_call_of_a_passing_check_is_kept_with_its_replys_digest(grader, toy_source, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_BATCH_CALLS", "1")
    outcomes(grader, toy_source, [{}])
    kept = {key.rsplit("::", 1)[1]: calls for key, calls in ahead._calls.items()}
    payloads, digests = kept["test_doubles_vectors"]
    assert len(payloads) >= 5 and len(digests) == len(payloads)  # every drawn input
    payloads, digests = kept["test_doubles_a_matrix_then_its_double"]
    assert len(payloads) == 2  # the second made from the first's reply
    assert protocol.loads(payloads[1], trusted=True)["args"][0].tolist() == [[2.0] * 3] * 2
    assert all(isinstance(d, str) and len(d) == 32 for d in digests)


COUNTER = "calls = []\ndef double(x):\n    calls.append(x)\n    return x * 2\n"


@pytest.fixture
def counting(toy_grader, toy_source):
    """A Session on a worker whose ``double`` counts its calls (in ``calls``); one worker per test."""
    rebuilt = nb.rebuild(toy_grader.source, corpus.apply(toy_source, {**CORRECT, "double": COUNTER}))
    worker, run = run_notebook(toy_grader.launcher, list(rebuilt.cells), rebuilt.problems)
    session = Session(worker, partial(restart, toy_grader.launcher, run))
    yield session
    session.close()


def recorded(session: Session, values: list[int]) -> tuple[list[bytes], list[str]]:
    """Three calls of double as a check would make them, with the digests of the replies they get now."""
    session.begin_check(note=True)
    for value in values:
        Student(session).double(value)
    made, session.made = session.made, None
    return [payload for payload, _ in made], [digest for _, digest in made]


def test_a_batch_stops_running_at_the_first_reply_that_is_not_the_recorded_one(counting):
    payloads, digests = recorded(counting, [1, 2, 3])
    student = Student(counting)
    calls = student.calls

    counting.begin_check((payloads, digests))  # every reply as recorded: all three run before the check asks
    assert [student.double(v) for v in (1, 2, 3)] == [2, 4, 6] and not counting.ahead
    assert len(calls.get()) == 6

    wrong = [digests[0], "0" * 32, digests[2]]  # the second reply will differ: the third must not run early
    counting.begin_check((payloads, wrong))
    assert [student.double(v) for v in (1, 2, 3)] == [2, 4, 6]  # the third was skipped, so it went again live
    assert len(calls.get()) == 9
    counting.begin_check((payloads, wrong))
    assert student.double(1) == 2 and student.double(2) == 4
    assert len(calls.get()) == 11  # not 12: the third was skipped, not run

    counting.begin_check((payloads, digests))
    assert student.double(5) == 10  # a call other than the recorded one: what was sent ahead is read and dropped
    assert len(calls.get()) == 15


def test_nothing_is_sent_ahead_once_a_function_hung(counting):
    payloads, digests = recorded(counting, [1, 2, 3])
    counting.hung["double"] = "did not finish within 3 s"
    counting.begin_check((payloads, digests))
    assert not counting.ahead
