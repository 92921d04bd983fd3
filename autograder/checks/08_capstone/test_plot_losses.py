"""Hidden checks for ``plot_losses(train_losses, val_losses)``: a Figure with one plotted Axes holding a "train" and
a "val" line against the epochs 1..E, axis labels "epoch" and "loss", a title and a legend on the Axes.

The figure stays in the worker; autograder.figures.read_figure reads its artists through the handle.
"""
import numpy as np

from autograder.checking import expect, fail, requires
from autograder.figures import read_figure
from autograder.i18n import _


def plot(student, train, val):
    what = _("plot_losses({train}, {val})").format(train=train, val=val)
    fig = read_figure(student.plot_losses.call(train, val), what)
    axes = fig.plotted_axes()
    expect(len(axes) == 1, "{what} drew on {count} axes; draw both curves on one Axes", what=what, count=len(axes))
    return axes[0], what


def find(ax, values):
    return [line for line in ax.lines if len(line.y) == len(values) and np.allclose(line.y, values)]


def test_draws_both_curves_against_the_epochs(student):
    train, val = [2.0, 1.25, 0.75, 0.5], [2.25, 1.5, 1.0, 1.125]
    ax, what = plot(student, train, val)
    epochs = list(range(1, len(train) + 1))
    for values, name in ((train, "train"), (val, "val")):
        lines = find(ax, values)
        if not lines:
            fail("{what} has no line through the {name} losses", what=what, name=name)
        x = lines[0].x.tolist()
        if x == list(range(len(values))):
            fail("{what}: the {name} line starts at epoch 0; the loss after the first epoch belongs at x = 1: plot "
                 "against range(1, len(losses) + 1)", what=what, name=name)
        if x == train or x == val:
            fail("{what}: the {name} line is plotted against the other losses; the x values are the epochs", what=what,
                 name=name)
        expect(x == epochs, "{what}: the {name} line has x values {x}; expected the epochs {epochs}", what=what,
               name=name, x=", ".join(f"{v:g}" for v in x), epochs=", ".join(map(str, epochs)))


@requires(test_draws_both_curves_against_the_epochs)
def test_labels_legend_and_title(student):
    train, val = [1.0, 0.5, 0.25], [1.5, 1.0, 1.25]
    ax, what = plot(student, train, val)
    train_label, val_label = find(ax, train)[0].label, find(ax, val)[0].label
    if (train_label, val_label) == ("val", "train"):
        fail("{what}: the labels are swapped: the training losses are labelled val", what=what)
    labelled = train_label == "train" and val_label == "val"
    expect(labelled,
           "{what}: the lines are labelled {train} and {val}; label them \"train\" and \"val\"", what=what,
           train=train_label, val=val_label)
    in_legend = {"train", "val"} <= set(ax.legend)
    expect(in_legend,
           "{what} shows no legend with train and val; call ax.legend() on the Axes", what=what)
    axis_labels = ax.xlabel == "epoch" and ax.ylabel == "loss"
    expect(axis_labels,
           "{what} has the axis labels {x!r} and {y!r}; expected \"epoch\" and \"loss\"", what=what, x=ax.xlabel,
           y=ax.ylabel)
    titled = bool(ax.title.strip())
    expect(titled, "{what} has no title; give the Axes one with ax.set_title", what=what)


@requires(test_draws_both_curves_against_the_epochs)
def test_one_epoch(student):
    ax, what = plot(student, [0.75], [0.875])
    for values, name in (([0.75], "train"), ([0.875], "val")):
        lines = find(ax, values)
        expect(lines and lines[0].x.tolist() == [1], "{what}: the {name} loss must be one point at epoch 1",
               what=what, name=name)
