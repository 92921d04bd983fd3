"""autograder.figures: a Figure made in the worker is read through its handle, as plain data."""
import numpy as np
import pytest

from autograder.checking import CheckFailure
from autograder.figures import read_figure

from helpers import toy_student

PLOT = """
import matplotlib
import matplotlib.pyplot as plt
import torch
def double(x):
    if x == 0:
        fig, (left, right) = plt.subplots(1, 2)
        left.plot([0, 1, 2], [3.0, 2.0, 1.5], label="train")
        left.plot([2.0, 1.0, 0.5], label="val")
        left.set_title("loss"); left.set_xlabel("epoch"); left.set_ylabel("loss"); left.set_yscale("log")
        left.legend()
        right.imshow(torch.arange(6.0).reshape(2, 3).numpy(), cmap="gray")
        fig.suptitle("run 1")
        return fig
    if x == 1:
        return None
    if x == 2:
        fig, ax = plt.subplots()
        return ax
    class Fake:
        def get_axes(self):
            raise RuntimeError("no")
    return Fake()
"""


@pytest.fixture
def student(toy_grader, toy_source):
    """A Student whose ``double(x)`` returns a figure (0), None (1), an Axes (2) or an impostor (3); one worker per test."""
    with toy_student(toy_grader, toy_source, PLOT) as student:
        yield student


def test_a_figure_reads_as_its_artists(student):
    call = student.double.call(0)
    fig = read_figure(call, "double(0)")
    assert fig.suptitle == "run 1"
    left, right = fig.axes
    assert (left.title, left.xlabel, left.ylabel, left.yscale) == ("loss", "epoch", "loss", "log")
    assert [line.label for line in left.lines] == ["train", "val"] and left.legend == ["train", "val"]
    np.testing.assert_array_equal(left.lines[0].x, [0, 1, 2])
    np.testing.assert_array_equal(left.lines[1].y, [2.0, 1.0, 0.5])
    np.testing.assert_array_equal(left.lines[1].x, [0, 1, 2])  # plot(y) puts y against 0..n-1
    assert right.lines == [] and right.legend == []
    np.testing.assert_array_equal(right.images[0], np.arange(6.0).reshape(2, 3))
    assert fig.plotted_axes() == [left, right]
    assert student._session.last_call.label == "double"  # the reproducer shows the call that made it


@pytest.mark.parametrize("x, got", [(1, "None"), (2, "of type Axes"), (3, "of type Fake")])
def test_anything_else_fails_with_what_it_returned(student, x, got):
    with pytest.raises(CheckFailure) as failure:
        read_figure(student.double.call(x), "double(x)")
    assert got in str(failure.value) and "not a matplotlib Figure" in str(failure.value)
