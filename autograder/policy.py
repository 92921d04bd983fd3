"""What the grading service does with a submission as it arrives, and what its feedback shows when.

Set in the course's ``nbgrader_config.py``, for every assignment or per assignment::

    c.FeedbackPolicy.reproducers = "after_due_date"
    c.FeedbackPolicy.attempt_interval_minutes = 10
    c.FeedbackPolicy.per_assignment = {"06_optimizer_loop": {"reproducers": "hidden"}}

Visibility uses Gradescope's words: ``visible`` (always), ``after_due_date`` (once nbgrader's due date
for the assignment has passed; never while it has none), ``hidden`` (never, until the instructor
releases nbgrader's own feedback).  The grade that counts is always nbgrader's: the last submission,
with the course's late policy; the policy changes only what students see, and when.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from traitlets import Bool, Dict, Enum, Float
from traitlets.config import Configurable

from .course import UsageError

VISIBILITY = ("visible", "after_due_date", "hidden")
SHOWN = ("score", "messages", "reproducers")


@dataclass(frozen=True)
class View:
    """What one feedback page shows; ``key`` tells two pages apart (a changed view is released again)."""

    score: bool
    messages: bool
    reproducers: bool
    later: tuple[str, ...]  # what the page does not show yet but will after the due date

    @property
    def key(self) -> str:
        return ",".join(name for name in SHOWN if getattr(self, name)) or "-"


@dataclass(frozen=True)
class Rules:
    """One assignment's policy."""

    grade_on_arrival: bool = True
    score: str = "visible"
    messages: str = "visible"
    reproducers: str = "after_due_date"
    attempt_interval_minutes: float = 10.0

    @property
    def attempt_interval(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.attempt_interval_minutes)

    def view(self, due: dt.datetime | None, now: dt.datetime) -> View:
        """What a page made at ``now`` shows, for an assignment due at ``due`` (naive UTC, as nbgrader stores it)."""
        past_due = due is not None and now >= due
        shown = {name: getattr(self, name) == "visible" or (getattr(self, name) == "after_due_date" and past_due)
                 for name in SHOWN}
        later = tuple(name for name in SHOWN if not shown[name] and getattr(self, name) == "after_due_date")
        return View(**shown, later=later)


class FeedbackPolicy(Configurable):
    """The grading service's policy (``autograder watch``), read from ``nbgrader_config.py``."""

    grade_on_arrival = Bool(True, help="Grade submissions as they arrive in the exchange "
                                       "(False: the service leaves the assignment to `autograder grade`).").tag(config=True)
    score = Enum(VISIBILITY, "visible", help="When the feedback shows the score and each part's points.").tag(config=True)
    messages = Enum(VISIBILITY, "visible", help="When it shows each failed check's one-line message.").tag(config=True)
    reproducers = Enum(VISIBILITY, "after_due_date",
                       help="When it shows the reproducer of a failed check (the hidden check's input and call). "
                            "By default only after the due date: before it, the message teaches and the attempt "
                            "limit keeps students from tuning their answer to the hidden inputs.").tag(config=True)
    attempt_interval_minutes = Float(10.0, min=0.0, help="A student's next submission is graded at the earliest this "
                                                          "long after their previous grading; until then it is held, "
                                                          "and the released feedback says when it will be graded.").tag(config=True)
    per_assignment = Dict(help="Per assignment, any of the settings above that differ, e.g. "
                               "{'06_optimizer_loop': {'reproducers': 'hidden', 'attempt_interval_minutes': 30}}.").tag(config=True)

    def rules(self, assignment: str) -> Rules:
        """The policy for ``assignment``; ``UsageError`` (one line) for a setting the config got wrong."""
        base = Rules(self.grade_on_arrival, self.score, self.messages, self.reproducers, self.attempt_interval_minutes)
        overrides = self.per_assignment.get(assignment, {})
        where = f"c.FeedbackPolicy.per_assignment[{assignment!r}]"
        if not isinstance(overrides, dict):
            raise UsageError(f"{where} must be a dict of settings, not {type(overrides).__name__}")
        for name, value in overrides.items():
            if name in SHOWN and value not in VISIBILITY:
                raise UsageError(f"{where}[{name!r}] = {value!r}: use one of {', '.join(VISIBILITY)}")
            if name == "attempt_interval_minutes" and (not isinstance(value, (int, float)) or value < 0):
                raise UsageError(f"{where}['attempt_interval_minutes'] = {value!r}: use a number of minutes, 0 or more")
            if name == "grade_on_arrival" and not isinstance(value, bool):
                raise UsageError(f"{where}['grade_on_arrival'] = {value!r}: use True or False")
            if name not in ("grade_on_arrival", "attempt_interval_minutes", *SHOWN):
                raise UsageError(f"{where} has an unknown setting {name!r} (known: grade_on_arrival, "
                                 f"{', '.join(SHOWN)}, attempt_interval_minutes)")
        return replace(base, **overrides)
