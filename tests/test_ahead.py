"""Calls sent ahead in one batch (autograder/ahead.py): the same outcomes as live calls, a hanging call fails
as it would live, and nothing is batched that another correct answer would call differently."""
from pathlib import Path

import pytest

from autograder import ahead, corpus, examples

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
    expect_tensor(student.double(once), x * 4)  # made from a reply: never sent ahead
'''
HANGS_ON_FOUR = "def double(x):\n    if x.dim() == 1 and x.numel() == 4:\n        import time\n        time.sleep(60)\n    return x * 2\n"
OFF_BY_ONE = "def double(x):\n    return x * 2 + (x.numel() == 5)\n"


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
    answers = [{}, {"double": HANGS_ON_FOUR}, {"double": OFF_BY_ONE}, {}]
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


def test_only_calls_the_check_makes_the_same_for_every_answer_are_kept(grader, toy_source, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_BATCH_CALLS", "1")
    outcomes(grader, toy_source, [{}])
    kept = {key.rsplit("::", 1)[1]: calls for key, calls in ahead._calls.items()}
    assert len(kept["test_doubles_vectors"]) >= 5  # every drawn input
    assert len(kept["test_doubles_a_matrix_then_its_double"]) == 1  # not the call made with the first's result


def test_sendable_calls_address_notebook_names_with_plain_data():
    assert ahead.sendable({"op": "call", "target": "double", "args": ([1, 2],), "kwargs": {}})
    assert not ahead.sendable({"op": "call", "target": 3, "attr": "forward", "args": (), "kwargs": {}})
    assert not ahead.sendable({"op": "call", "target": "fit", "args": ({"__handle__": 2},), "kwargs": {}})
