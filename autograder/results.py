"""Grading results, and their Gradescope ``results.json`` form."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .i18n import _


def as_points(value: Fraction) -> float:
    return round(float(value), 4)


@dataclass
class CheckResult:
    part: str  # the graded cell's grade_id
    check: str  # the check's name, with a ``[device]`` suffix where parametrized
    passed: bool
    max_score: Fraction
    message: str = ""
    reproducer: str = ""  # lines the student can run to see the failing case; never the check's code

    def output(self) -> str:
        """The message and, under it, the reproducer: what Gradescope shows for this check."""
        if not self.reproducer:
            return self.message
        return "\n".join([self.message, "", _("How to reproduce:"), self.reproducer])

    @property
    def name(self) -> str:
        return f"{self.part}::{self.check}"

    @property
    def score(self) -> Fraction:
        return self.max_score if self.passed else Fraction(0)


@dataclass
class PartResult:
    grade_id: str
    points: Fraction
    checks: list[CheckResult] = field(default_factory=list)
    note: str = ""  # why the part's answer could not be used or did not run

    @property
    def score(self) -> Fraction:
        return sum((c.score for c in self.checks), Fraction(0))

    def report(self, section: str = "") -> str:
        """What the student reads under the graded cell: score, each check, and how to reproduce a failure."""
        head = _("{part}: {score} / {points} points").format(
            part=self.grade_id, score=f"{as_points(self.score):g}", points=f"{as_points(self.points):g}")
        lines = [head + (" (" + _("tutorial section") + f": {section})" if section else "")]
        if self.note:
            lines.append(f"  ! {self.note}")
        passed, failed = _("passed"), _("FAILED")
        lines += [f"  [{passed}] {check.check}" for check in self.checks if check.passed]
        for names, message, reproducer in self.failures():
            lines.append(f"  [{failed}] {', '.join(names)}" + (f": {message}" if message else ""))
            if reproducer:
                lines.append("      " + _("How to reproduce:"))
                lines += [f"        {row}" for row in reproducer.splitlines()]
        return "\n".join(lines)

    def failures(self) -> list[tuple[list[str], str, str]]:
        """The failed checks grouped by their message: ``(check names, message, first reproducer)``.

        One mistake often fails several checks of a part for the same reason; the student reads it once."""
        groups: dict[str, tuple[list[str], str, str]] = {}
        for check in self.checks:
            if not check.passed:
                names, message, reproducer = groups.setdefault(check.message, ([], check.message, check.reproducer))
                names.append(check.check)
                if not reproducer and check.reproducer:
                    groups[check.message] = (names, message, check.reproducer)
        return list(groups.values())


@dataclass
class SubmissionResult:
    assignment: str
    path: str
    parts: list[PartResult]
    execution_time: float = 0.0
    output: str = ""  # a submission-wide message: why it could not be graded, or cell errors
    ungradable: bool = False  # nothing of it could be checked (malformed file, notebook never ran)
    internal_error: bool = False  # the grader failed, not the submission: nothing is recorded for it
    timings: dict[str, float] = field(default_factory=dict)  # seconds in the notebook's cells and in the checks
    replayed: dict[str, str] = field(default_factory=dict)  # reproducer -> the error it raised when run ("" none)

    @property
    def score(self) -> Fraction:
        return sum((p.score for p in self.parts), Fraction(0))

    @property
    def max_score(self) -> Fraction:
        return sum((p.points for p in self.parts), Fraction(0))

    def part(self, grade_id: str) -> PartResult:
        return next(p for p in self.parts if p.grade_id == grade_id)

    def to_gradescope(self) -> dict:
        return {
            "score": as_points(self.score),
            "max_score": as_points(self.max_score),
            "execution_time": round(self.execution_time, 3),
            "output": self.output,
            "tests": [
                {
                    "name": check.name,
                    "score": as_points(check.score),
                    "max_score": as_points(check.max_score),
                    "status": "passed" if check.passed else "failed",
                    "output": check.output(),
                    "extra_data": {"message": check.message, "reproducer": check.reproducer},
                }
                for part in self.parts
                for check in part.checks
            ],
            "extra_data": {"assignment": self.assignment, "file": self.path, "ungradable": self.ungradable,
                           "seconds": {k: round(v, 3) for k, v in self.timings.items()}},
        }

    @classmethod
    def from_gradescope(cls, data: dict) -> "SubmissionResult":
        """Read back what ``to_gradescope`` wrote (the ``results.json`` stored beside autograded notebooks)."""
        extra = data.get("extra_data") or {}
        parts: dict[str, PartResult] = {}
        for test in data.get("tests", []):
            part_id, _sep, check = str(test["name"]).partition("::")
            details = test.get("extra_data") or {}
            max_score = Fraction(str(test["max_score"])).limit_denominator(100)  # as_points rounded it
            part = parts.setdefault(part_id, PartResult(part_id, Fraction(0)))
            part.points += max_score
            part.checks.append(CheckResult(part_id, check, test.get("status") == "passed", max_score,
                                           details.get("message", test.get("output", "")), details.get("reproducer", "")))
        return cls(str(extra.get("assignment", "")), str(extra.get("file", "")), list(parts.values()),
                   float(data.get("execution_time", 0.0)), str(data.get("output", "")), bool(extra.get("ungradable")),
                   timings=dict(extra.get("seconds") or {}))


def print_table(rows: list[tuple[str, SubmissionResult]], label: str) -> None:
    """Graded submissions as a terminal table: ``(name, result)`` rows, ``label`` heading the name column."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=rows[0][1].assignment if rows else None)
    table.add_column(label)
    table.add_column("score", justify="right")
    table.add_column("max", justify="right")
    table.add_column("seconds", justify="right")
    table.add_column("note", overflow="fold")
    for name, result in rows:
        table.add_row(escape(name), f"{as_points(result.score):g}", f"{as_points(result.max_score):g}",
                      f"{result.execution_time:.1f}", escape(result.output[:120]))
    Console(width=160).print(table)
