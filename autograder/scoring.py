"""Scoring: from the checks' outcomes and what happened to the notebook's cells, a submission's points."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from . import notebook as nb
from .notebook_run import RunOutcome
from .plugin import Outcome
from .results import CheckResult, PartResult, SubmissionResult


def score(assignment: str, parts: list[nb.Part], path: Path, run: RunOutcome, outcomes: list[Outcome]) -> SubmissionResult:
    """Each part's points split over its checks; a failed check's message names what went wrong in its cells."""
    results = []
    for part in parts:
        mine = [o for o in outcomes if o.part == part.grade_id]
        note = "; ".join(text for sid in part.solution_ids
                         for text in (run.problems.get(sid), run.cell_errors.get(sid)) if text)
        points = Fraction(part.points).limit_denominator(10**6)
        shares = split_points(points, [o.check for o in mine])
        checks = [
            CheckResult(o.part, o.check, o.passed, share, f"{o.message} ({note})" if note and not o.passed else o.message,
                        o.reproducer)
            for o, share in zip(mine, shares)
        ]
        results.append(PartResult(part.grade_id, points, checks, note))
    notes = [*run.setup_errors, *run.problems.values(), *run.cell_errors.values()]
    timings = {"notebook": run.cell_seconds, "checks": sum(o.seconds for o in outcomes)}
    return SubmissionResult(assignment, str(path), results, output="; ".join(dict.fromkeys(notes)), timings=timings)


def zero(assignment: str, parts: list[nb.Part], path: Path, checks: list[tuple[str, str]], reason: str) -> SubmissionResult:
    """Every check failed with one reason: the submission could not be graded."""
    outcomes = [Outcome(part, check, False, reason) for part, check in checks]
    result = score(assignment, parts, path, RunOutcome(), outcomes)
    result.output = reason
    result.ungradable = True
    return result


def split_points(points: Fraction, checks: list[str]) -> list[Fraction]:
    """Each check gets an equal share of its part; a device-parametrized check splits its share over its devices.

    So ``column::keeps_device[cpu]`` and ``[cuda]`` together weigh what one check weighs, and a part's
    other checks are worth the same on a machine with or without a GPU.
    """
    bases = [name.split("[", 1)[0] for name in checks]
    count = {base: bases.count(base) for base in bases}
    return [points / len(count) / count[base] for base in bases]
