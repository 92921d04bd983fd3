"""Read a matplotlib Figure the student's code made, as plain data the judge can check.

A Figure never crosses into the judge: it stays in the worker behind a handle, and
``read_figure`` asks it for its artists (titles, axis labels, lines and their data, images
and their arrays, legend entries) one accessor at a time.  Checks then test what the plot
shows, never its pixels::

    fig = read_figure(student.plot_losses.call([1.0, 0.5]), "plot_losses([1.0, 0.5])")
    (ax,) = fig.axes
    expect(ax.lines[0].y.tolist() == [1.0, 0.5], ...)

Anything that is not a Figure (None, a tensor, an Axes, an object whose accessors raise)
fails the check with one message naming what was returned.  The reproducer still shows the
call that made the figure, not the accessors read afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .checking import describe, fail
from .i18n import _
from .student import Call, Remote, StudentError


@dataclass
class Line:
    x: np.ndarray
    y: np.ndarray
    label: str  # matplotlib names unlabelled lines "_child0", "_line1"...: those start with "_"


@dataclass
class Axes:
    title: str
    xlabel: str
    ylabel: str
    lines: list[Line] = field(default_factory=list)
    images: list[np.ndarray] = field(default_factory=list)  # each image's data, as imshow kept it
    legend: list[str] = field(default_factory=list)  # the legend's entries; [] when there is no legend
    xscale: str = "linear"
    yscale: str = "linear"


@dataclass
class Figure:
    suptitle: str
    axes: list[Axes]

    def plotted_axes(self) -> list[Axes]:
        """The axes that show something (``plt.subplots`` grids may leave some empty)."""
        return [ax for ax in self.axes if ax.lines or ax.images]


class _NotAFigure(Exception):
    pass


def _ask(obj: Any, method: str, *args: Any) -> Any:
    if not isinstance(obj, Remote):
        raise _NotAFigure
    try:
        return obj.attr(method)(*args)
    except StudentError as exc:
        raise _NotAFigure from exc


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _NotAFigure
    return value


def _array(value: Any) -> np.ndarray:
    if isinstance(value, np.ndarray):
        return np.asarray(value, dtype=np.float64) if value.dtype.kind in "biuf" else value
    raise _NotAFigure


def _handles(value: Any) -> list:
    if type(value) not in (list, tuple):
        raise _NotAFigure
    return list(value)


def _read_axes(ax: Any) -> Axes:
    lines = []
    for line in _handles(_ask(ax, "get_lines")):
        xy = _array(_ask(line, "get_xydata"))
        xy = xy.reshape(-1, 2) if xy.size else np.zeros((0, 2))
        lines.append(Line(xy[:, 0], xy[:, 1], _text(_ask(line, "get_label"))))
    images = [_array(_ask(image, "get_array")) for image in _handles(_ask(ax, "get_images"))]
    legend = _ask(ax, "get_legend")
    entries = [] if legend is None else [_text(_ask(t, "get_text")) for t in _handles(_ask(legend, "get_texts"))]
    return Axes(_text(_ask(ax, "get_title")), _text(_ask(ax, "get_xlabel")), _text(_ask(ax, "get_ylabel")),
                lines, images, entries, _text(_ask(ax, "get_xscale")), _text(_ask(ax, "get_yscale")))


def read_figure(call: Call, what: str) -> Figure:
    """What the Figure ``call`` returned shows; fails the check if it returned no Figure.

    ``what`` names the call in the message (a catalogue string, like ``expect_tensor``'s).
    """
    value = call.result()
    session = value._session if isinstance(value, Remote) else None
    last = session.last_call if session is not None else None
    try:
        if not isinstance(value, Remote) or value._type not in ("Figure", "SubFigure"):
            raise _NotAFigure
        axes = [_read_axes(ax) for ax in _handles(_ask(value, "get_axes"))]
        suptitle = _ask(value, "get_suptitle")
        return Figure(_text(suptitle), axes)
    except _NotAFigure:
        fail("{what} returned {got}, not a matplotlib Figure (return fig from plt.subplots(), or plt.gcf())",
             what=what, got=_returned(value))
    finally:
        if session is not None:
            session.last_call = last  # the reproducer shows the call that made the figure


def _returned(value: Any) -> str:
    if isinstance(value, Remote):
        return _("an object of type {name}").format(name=(value._type or "object").rsplit(".", 1)[-1])
    return describe(value)
