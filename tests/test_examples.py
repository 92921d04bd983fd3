"""Hypothesis inputs made once per process and replayed (autograder/examples.py): the same inputs, in the same
order, as hypothesis draws; a failure always decided and worded by hypothesis itself."""
import random
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import torch
from hypothesis import given, settings, strategies as st

from autograder import examples

REPO = Path(__file__).resolve().parent.parent
GRADING = settings(max_examples=15, derandomize=True, database=None, deadline=None)


@pytest.fixture(autouse=True)
def fresh():
    """No recording from another test."""
    examples.forget()
    yield
    examples.forget()


def property_check(seen: list, fail_on=None):
    """A check over tensors and a data-drawn index, noting what each call received; fails on ``fail_on`` inputs."""
    @GRADING
    @given(data=st.data(), x=st.lists(st.floats(-5, 5), min_size=1, max_size=4).map(torch.tensor),
           grid=st.integers(1, 3).map(lambda n: torch.arange(6.0 * n).reshape(3 * n, 2).t()),
           pair=st.integers(2, 4).map(lambda n: (lambda whole: (whole, whole[1:]))(torch.arange(float(n)))))
    def check(student, data, x, grid, pair):
        i = data.draw(st.integers(0, len(x) - 1))
        view = grid.t()[::2]  # inputs keep their strides, and two inputs that share memory still do
        seen.append((student, x.clone(), i, (torch.rand(1).item(), numpy.random.rand(), random.random()),
                     (view.stride(), pair[1].untyped_storage().data_ptr() == pair[0].untyped_storage().data_ptr())))
        x.add_(1)  # a body that changes its input must not change the next submission's
        grid.mul_(2)
        assert fail_on is None or not fail_on(x - 1, i), f"failed at {i}"
    return check


def test_replay_gives_the_body_what_hypothesis_gave_it_in_the_same_order():
    by_hypothesis, recorded, replayed = [], [], []
    for run in (lambda: property_check(by_hypothesis)(student="s"),
                lambda: examples.run("k", property_check(recorded), {"student": "s"}),
                lambda: examples.run("k", property_check(replayed), {"student": "t"})):
        torch.manual_seed(0)  # as the plugin seeds the judge before every check
        run()
    assert len(by_hypothesis) == len(replayed) >= 10
    for (_, x, i, r, v), (student, y, j, q, w) in zip(by_hypothesis, replayed):
        assert student == "t" and torch.equal(x, y) and i == j and v == w
        assert r == q  # torch's, numpy's and Python's random states too


def test_a_failing_replay_is_decided_again_by_hypothesis_with_its_own_failure():
    examples.run("k", property_check([]), {"student": "s"})
    fails = lambda x, i: i == 0 and x.numel() > 1  # noqa: E731 (a wrong answer that passes some inputs)
    with pytest.raises(AssertionError) as by_hypothesis:
        property_check([], fails)(student="s")
    seen = []
    with pytest.raises(AssertionError) as after_replay:
        examples.run("k", property_check(seen, fails), {"student": "s"})
    assert str(after_replay.value) == str(by_hypothesis.value)
    assert "k" in examples._examples, "a failure does not replace the passing recording"


def test_a_check_that_fails_while_recording_keeps_nothing():
    with pytest.raises(AssertionError):
        examples.run("k", property_check([], lambda x, i: True), {"student": "s"})
    assert "k" not in examples._examples


def test_a_body_that_draws_something_else_is_run_by_hypothesis():
    examples.run("k", property_check([]), {"student": "s"})
    calls = []

    @GRADING
    @given(data=st.data(), x=st.lists(st.floats(-5, 5), min_size=1, max_size=4).map(torch.tensor))
    def other(student, data, x):
        calls.append(data.draw(st.booleans()))  # not what was recorded: the replay stops at once

    examples.run("k", other, {"student": "s"})
    assert calls and all(isinstance(c, bool) for c in calls)


@pytest.mark.slow
def test_grading_scores_and_messages_are_the_same_with_and_without_replay(monkeypatch):
    """The worked solution, then two wrong answers, of 01 in one process: each check's outcome and message as
    hypothesis alone gives them."""
    from autograder import corpus
    from autograder.grader import Grader
    from helpers import CLASS_ASSIGNMENT, CLASS_NOTEBOOK, REPO
    import nbformat

    source = REPO / "source" / CLASS_ASSIGNMENT / CLASS_NOTEBOOK
    solution = nbformat.read(str(REPO / "solutions" / CLASS_ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    mutants = list(corpus.variants(REPO, CLASS_ASSIGNMENT, "mutants"))
    notebooks = [solution] + [corpus.apply(solution, m.cells) for m in (mutants[0], mutants[-1])]

    def outcomes(replay: str) -> list:
        monkeypatch.setenv("AUTOGRADER_REPLAY_EXAMPLES", replay)
        grader = Grader(CLASS_ASSIGNMENT, source)
        try:
            return [[(c.check, c.passed, c.message, c.reproducer) for p in grader.grade_notebook(nb, Path(CLASS_NOTEBOOK)).parts
                     for c in p.checks] for nb in notebooks]
        finally:
            grader.close()

    by_hypothesis = outcomes("0")
    assert outcomes("1") == by_hypothesis
    assert examples._examples, "the replayed run recorded inputs"
    assert any(not passed for graded in by_hypothesis[1:] for _, passed, _, _ in graded), "the mutants fail somewhere"


DRAWS = """
import hashlib, importlib.util, sys
import autograder.grader
for name in sys.argv[1:]:
    __import__(name)
spec = importlib.util.spec_from_file_location("checks_conftest", "autograder/checks/conftest.py")
spec.loader.exec_module(importlib.util.module_from_spec(spec))
from hypothesis import given, strategies as st
drawn = []

@given(st.integers(-10**5, 10**5), st.floats(-1e6, 1e6), st.text(max_size=5))
def check(n, x, text):
    drawn.append((n, x, text))

check()
print(hashlib.sha1(repr(drawn).encode()).hexdigest())
"""


def test_a_check_draws_the_same_inputs_whichever_of_the_graders_modules_are_imported():
    # hypothesis would mix constants from the source of every local module imported into its draws: the command's
    # own process (one worker) imports more of the grader's modules than a pool's process does
    def draws(*modules: str) -> str:
        done = subprocess.run([sys.executable, "-c", DRAWS, *modules], cwd=REPO, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert draws() == draws("autograder.cli", "autograder.feedback", "autograder.report")
