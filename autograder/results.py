"""Grading results, and their Gradescope ``results.json`` form."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


def as_points(value: Fraction) -> float:
    return round(float(value), 4)


@dataclass
class CheckResult:
    part: str  # the graded cell's grade_id
    check: str  # the check's name, with a ``[device]`` suffix where parametrized
    passed: bool
    max_score: Fraction
    message: str = ""

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

    def report(self) -> str:
        """What the student reads under the graded cell."""
        lines = [f"{self.grade_id}: {as_points(self.score):g} / {as_points(self.points):g} points"]
        if self.note:
            lines.append(f"  ! {self.note}")
        for check in self.checks:
            mark = "passed" if check.passed else "FAILED"
            line = f"  [{mark}] {check.check}"
            lines.append(line + (f": {check.message}" if check.message and not check.passed else ""))
        return "\n".join(lines)


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
                    "output": check.message,
                }
                for part in self.parts
                for check in part.checks
            ],
            "extra_data": {"assignment": self.assignment, "file": self.path,
                           "seconds": {k: round(v, 3) for k, v in self.timings.items()}},
        }
