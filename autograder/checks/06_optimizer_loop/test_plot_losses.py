"""Hidden checks for ``plot_losses(train_losses, val_losses)``: a new Figure with one Axes, the train curve then the
val curve (none when val_losses is empty), each against epochs 1..len; legend train, val; title and axis labels.

The Figure stays in the worker and is read through ``autograder.figures.read_figure``: what it shows, not pixels.
"""
import numpy as np

from autograder.checking import expect, fail, requires
from autograder.figures import read_figure

TRAIN = [2.5, 1.75, 1.25, 1.0, 0.875]
VAL = [2.25, 1.5, 1.375]  # shorter than TRAIN: each curve has its own epochs


def plotted(student, train: list, val: list, what: str):
    """The one Axes of the figure plot_losses(train, val) returned, and the call (its arguments as it left them)."""
    call = student.plot_losses.call(list(train), list(val))
    figure = read_figure(call, what)
    expect(len(figure.axes) == 1, "{what} made a figure with {count} axes; draw both curves on one Axes "
           "(fig, ax = plt.subplots())", what=what, count=len(figure.axes))
    return figure.axes[0], call


def numbers(values) -> str:
    return ", ".join(f"{v:g}" for v in np.asarray(values, dtype=float).tolist())


def expect_curve(line, losses: list, which: str, what: str) -> None:
    expect(line.y.shape == (len(losses),) and np.array_equal(line.y, losses),
           "{what}: the {which} curve's y data are [{got}]; expected the {which} losses [{want}]",
           what=what, which=which, got=numbers(line.y), want=numbers(losses))
    epochs = np.arange(1, len(losses) + 1)
    if line.x.shape == epochs.shape and np.array_equal(line.x, epochs - 1):
        fail("{what}: the {which} curve starts at x = 0 (ax.plot(y) counts from 0); epochs are numbered 1 to "
             "len(losses): ax.plot(range(1, len(losses) + 1), losses)", what=what, which=which)
    expect(line.x.shape == epochs.shape and np.array_equal(line.x, epochs),
           "{what}: the {which} curve's x data are [{got}]; expected the epochs [{want}]",
           what=what, which=which, got=numbers(line.x), want=numbers(epochs))


def test_each_curve_is_drawn_against_its_epochs(student):
    what = f"plot_losses({TRAIN}, {VAL})"
    ax, call = plotted(student, TRAIN, VAL, what)
    if len(ax.lines) == 1 and np.array_equal(ax.lines[0].y, TRAIN):
        fail("{what} drew only the train curve; draw the val curve too", what=what)
    if len(ax.lines) > 2:
        fail("{what} shows {count} lines; expected two: create a new figure in every call (plt.subplots()) rather "
             "than drawing on the current one", what=what, count=len(ax.lines))
    expect(len(ax.lines) == 2, "{what} shows {count} lines; expected two: the train curve, then the val curve",
           what=what, count=len(ax.lines))
    train, val = ax.lines
    if np.array_equal(train.y, VAL) and np.array_equal(val.y, TRAIN):
        fail("{what} drew the val curve first; draw the train curve first, then the val curve", what=what)
    expect_curve(train, TRAIN, "train", what)
    expect_curve(val, VAL, "val", what)
    expect(list(call.args) == [TRAIN, VAL], "{what} changed the lists it was given; plot them without modifying "
           "them (copy first if you need to change something)", what=what)


def test_the_legend_title_and_axis_labels(student):
    what = "plot_losses([1.5, 1.0, 0.75], [1.25, 1.125, 1.0])"
    ax, _call = plotted(student, [1.5, 1.0, 0.75], [1.25, 1.125, 1.0], what)
    if not ax.legend:
        fail("{what} shows no legend; give each curve its label (label='train', label='val') and call ax.legend()",
             what=what)
    if ax.legend == ["val", "train"]:
        fail("{what}: the legend reads val, train; the train curve (drawn first) is labelled 'train' and the val "
             "curve 'val'", what=what)
    expect(ax.legend == ["train", "val"], "{what}: the legend reads {got}; expected train, val", what=what,
           got=", ".join(ax.legend))
    got = (ax.title, ax.xlabel, ax.ylabel)
    expect(got == ("loss", "epoch", "loss"), "{what}: the title, x label and y label are '{title}', '{xlabel}', "
           "'{ylabel}'; expected 'loss', 'epoch', 'loss'", what=what, title=got[0], xlabel=got[1], ylabel=got[2])


@requires(test_each_curve_is_drawn_against_its_epochs)
def test_an_empty_val_list_draws_only_the_train_curve(student):
    what = "plot_losses([1.5, 0.5], [])"
    ax, _call = plotted(student, [1.5, 0.5], [], what)
    if len(ax.lines) == 2 and ax.lines[1].y.size == 0:
        fail("{what} still drew an (empty) val curve, listed in the legend; draw the val curve only when val_losses "
             "is not empty", what=what)
    expect(len(ax.lines) == 1, "{what} shows {count} lines; with no val losses only the train curve is drawn",
           what=what, count=len(ax.lines))
    expect_curve(ax.lines[0], [1.5, 0.5], "train", what)
    expect(ax.legend == ["train"], "{what}: the legend reads {got}; with no val losses it lists only train",
           what=what, got=", ".join(ax.legend) or "nothing")
