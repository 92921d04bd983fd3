"""The ``student`` fixture's call limits (a check may allow one slow call more time than the worker's call limit),
structure-only calls (``Remote.structure``), and the time the worker says its calls took."""
import pytest

from autograder.sandbox import WorkerGone

from helpers import toy_student

SLOW = "import time\ndef double(x):\n    time.sleep(x)\n    return 2 * x"


@pytest.fixture
def student(toy_grader, toy_source):
    """A Student whose ``double(x)`` sleeps x seconds (the toy grader's call limit is 3 s); one worker per test."""
    with toy_student(toy_grader, toy_source, SLOW) as student:
        yield student


def test_a_call_over_the_limit_is_stopped(student):
    with pytest.raises(WorkerGone):
        student.double(4)


def test_allowing_gives_one_call_more_time_and_then_the_limit_holds_again(student):
    with student.allowing(8):
        assert student.double(4) == 8
    assert student._session.call_seconds is None
    with pytest.raises(WorkerGone):
        student.double(3.5)


def test_the_worker_counts_the_seconds_its_calls_spent_in_the_students_code(student):
    # the benchmark's floor (bench/grading.py: the student's code against the grading's own time)
    from autograder.judge import worker_stats

    student.double(0.3)
    student.builtin("len")([1, 2])
    first = worker_stats(student._session)["student_calls"]
    assert 0.3 <= first < 1.5
    student.double(0.2)
    assert 0.5 <= worker_stats(student._session)["student_calls"] < first + 1.2


BUILDERS = '''import torch
from torch import nn
def double(x):
    return 2 * x
def linear(n):
    return nn.Linear(n, 2)
def linear_moved(n):
    return nn.Linear(n, 2).to("cpu")  # needs real weights: raises on 'meta'
def zeros(n):
    return torch.zeros(n)
'''
DEVICES = "lambda m: sorted({p.device.type for p in m.parameters()})"


@pytest.fixture
def builder(toy_grader, toy_source):
    """A Student whose notebook builds modules (``linear``, ``linear_moved``) and a tensor (``zeros``); one worker per test."""
    with toy_student(toy_grader, toy_source, BUILDERS) as student:
        yield student


def test_structure_builds_the_module_on_meta_and_the_reproducer_shows_the_plain_call(builder):
    devices = builder.builtin("eval")(DEVICES, {})
    model = builder.linear.structure(3)
    assert builder._session.last_call.label == "linear" and builder._session.last_call.args == (3,)
    assert devices(model) == ["meta"]
    shapes = builder.builtin("eval")("lambda m: [tuple(p.shape) for p in m.parameters()]", {})(model)
    assert shapes == [(2, 3), (2,)]
    assert devices(builder.linear(3)) == ["cpu"]  # a plain call is untouched


def test_structure_builds_as_usual_where_meta_raises_or_gives_no_module(builder):
    devices = builder.builtin("eval")(DEVICES, {})
    assert devices(builder.linear_moved.structure(3)) == ["cpu"]
    zeros = builder.zeros.structure(4)
    assert zeros.device.type == "cpu" and zeros.tolist() == [0.0] * 4
