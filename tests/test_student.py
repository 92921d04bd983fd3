"""The ``student`` fixture's call limits: a check may allow one slow call more time than the worker's call limit."""
from functools import partial

import pytest

from autograder import corpus
from autograder import notebook as nb
from autograder.notebook_run import restart, run_notebook
from autograder.sandbox import WorkerGone
from autograder.student import Session, Student

SLOW = "import time\ndef double(x):\n    time.sleep(x)\n    return 2 * x"


@pytest.fixture
def student(toy_grader, toy_source):
    """A Student whose ``double(x)`` sleeps x seconds (the toy grader's call limit is 3 s); one worker per test."""
    rebuilt = nb.rebuild(toy_grader.source, corpus.apply(toy_source, {"double": SLOW}))
    worker, run = run_notebook(toy_grader.launcher, list(rebuilt.cells), rebuilt.problems)
    session = Session(worker, partial(restart, toy_grader.launcher, run))
    yield Student(session)
    session.close()


def test_a_call_over_the_limit_is_stopped(student):
    with pytest.raises(WorkerGone):
        student.double(4)


def test_allowing_gives_one_call_more_time_and_then_the_limit_holds_again(student):
    with student.allowing(8):
        assert student.double(4) == 8
    assert student._session.call_seconds is None
    with pytest.raises(WorkerGone):
        student.double(3.5)
