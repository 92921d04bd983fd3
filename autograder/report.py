"""``autograder report ASSIGNMENT``: the class at a glance, as one HTML page and a ``grades.csv``.

The page (``reports/<assignment>/index.html`` in the course) shows the scores that count, each part's
pass rate, the checks most students fail (with their most common message), the submissions that
could not be graded and why, each student's score and every grader's override and comment.  Plots are
matplotlib PNGs beside the page.

The scores (histogram, mean, median, the students' table) are nbgrader's gradebook's: a manual score
or extra credit given in formgrader and nbgrader's late submission penalty count, as in
``nbgrader export``.  Pass rates and failing checks describe the automatic grading: they come from the
``results.json`` stored at grading time.  ``grades.csv`` is written by nbgrader's own CSV exporter, so
it has exactly the rows ``nbgrader export`` writes for this assignment; ``overrides.csv`` lists the
graders' overrides and comments, one row per cell.
"""
from __future__ import annotations

import csv
import statistics
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import pages
from .course import Course
from .gradebook import Override, Standings, standings
from .results import SubmissionResult, as_points
from .sections import sections
from .status import FAILED, GRADED, PENDING, STALE, Submission, counts, submissions

TOP_CHECKS = 10


@dataclass
class ClassReport:
    index: Path
    grades: Path
    overrides: Path
    plots: list[Path]


def report_folder(course: Course, assignment: str) -> Path:
    return course.root / "reports" / assignment


def part_rates(results: list[SubmissionResult], titles: dict[str, str]) -> list[dict]:
    """Per part: share of students with full marks, and the mean share of its points."""
    rows: dict[str, dict] = {}
    for result in results:
        for part in result.parts:
            row = rows.setdefault(part.grade_id, {"id": part.grade_id, "section": titles.get(part.grade_id, ""),
                                                  "points": f"{as_points(part.points):g}", "full": 0, "share": []})
            row["full"] += part.score == part.points
            row["share"].append(float(part.score / part.points) if part.points else 1.0)
    for row in rows.values():
        row["full_rate"] = 100 * row["full"] / max(len(row["share"]), 1)
        row["mean"] = 100 * statistics.fmean(row["share"]) if row["share"] else 0.0
    return list(rows.values())


def failing_checks(results: list[SubmissionResult]) -> list[dict]:
    """The checks failed by most students, each with its most common message."""
    students: Counter[str] = Counter()
    messages: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for part in result.parts:
            for check in part.checks:
                if not check.passed:
                    students[check.name] += 1
                    messages[check.name][check.message] += 1
    return [{"name": name, "count": count, "message": messages[name].most_common(1)[0][0]}
            for name, count in students.most_common(TOP_CHECKS)]


def _figure():
    """A bare Figure: it draws with Agg, needs no display and keeps no pyplot state.

    Its labels stay English (matplotlib's default fonts have no CJK glyphs); the page around it is translated.
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(6.4, 3.2), dpi=100, layout="constrained")


def score_histogram(scores: list[float], max_score: float, path: Path) -> Path:
    figure = _figure()
    axes = figure.subplots()
    top = max([max_score, *scores]) or 1  # extra credit can take a score past the maximum
    bins = max(1, min(20, round(top)))
    axes.hist(scores, bins=bins, range=(0, top), color="#3b75af", edgecolor="white")
    axes.set_xlabel("score (points)")
    axes.set_ylabel("students")
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.savefig(path)
    return path


def pass_rate_chart(rows: list[dict], path: Path) -> Path:
    figure = _figure()
    figure.set_figheight(max(2.4, 0.35 * len(rows) + 1))
    axes = figure.subplots()
    labels = [row["id"] for row in rows][::-1]
    axes.barh(labels, [row["full_rate"] for row in rows][::-1], color="#27ae60")
    axes.set_xlim(0, 100)
    axes.set_xlabel("students with full marks on the part (%)")
    figure.savefig(path)
    return path


def export_grades(course: Course, assignment: str, path: Path) -> Path:
    """nbgrader's own CSV export, limited to this assignment."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin
    from sqlalchemy.exc import SAWarning

    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(), Gradebook(course.db_url, course.course_id) as gb:
        warnings.simplefilter("ignore", SAWarning)
        CsvExportPlugin(to=str(path), assignment=[assignment]).export(gb)
    return path


OVERRIDE_COLUMNS = ["assignment", "notebook", "student_id", "cell", "auto_score", "manual_score", "extra_credit",
                    "max_score", "manual_comment"]


def export_overrides(assignment: str, overrides: list[Override], path: Path) -> Path:
    """One row per cell a grader changed: the auto score, the manual score and extra credit, the comment."""
    def cell(value: object) -> str:
        return "" if value is None else str(value)  # floats as nbgrader export writes them (1.5, 2.0)

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OVERRIDE_COLUMNS)
        for o in overrides:
            writer.writerow([assignment, o.notebook, o.student, o.cell, *map(cell, (o.auto_score, o.manual_score,
                             o.extra_credit, o.max_score, o.comment))])
    return path


def _points(value: float | None) -> str:
    return "–" if value is None else f"{round(value, 2):g}"


def student_rows(counted: Standings, found: list[Submission]) -> list[dict]:
    states = {s.student: s.state for s in found}
    return [{"student": s.student, "state": states.get(s.student, ""), "auto": _points(s.auto), "raw": _points(s.raw),
             "changed": s.raw != s.auto, "penalty": _points(s.penalty) if s.penalty else "",
             "late": f"{s.seconds_late / 3600:.1f}" if s.seconds_late else "", "score": _points(s.score),
             "review": s.needs_manual_grade} for s in counted.students]


def override_rows(counted: Standings) -> list[dict]:
    return [{"student": o.student, "notebook": o.notebook, "cell": o.cell, "auto": _points(o.auto_score),
             "manual": _points(o.manual_score) if o.manual_score is not None else "",
             "extra": f"+{_points(o.extra_credit)}" if o.extra_credit else "", "max": _points(o.max_score),
             "comment": o.comment or ""} for o in counted.overrides]


def write_report(course: Course, assignment: str, folder: Path | None = None) -> ClassReport:
    folder = folder or report_folder(course, assignment)
    folder.mkdir(parents=True, exist_ok=True)
    found = submissions(course, assignment)
    checked = [s.result for s in found if s.state == GRADED and s.result is not None]  # ungradable ones say nothing about the parts
    counted = standings(course, assignment)  # the gradebook's scores: overrides and late penalties included
    scores = [s.score for s in counted.students]
    rows = part_rates(checked, sections(assignment))
    plots = [score_histogram(scores, counted.max_score, folder / "scores.png"), pass_rate_chart(rows, folder / "parts.png")]
    grades = export_grades(course, assignment, folder / "grades.csv")
    overrides = export_overrides(assignment, counted.overrides, folder / "overrides.csv")
    page = pages.render(
        "class_report.html.j2", assignment=assignment, course=str(course.root), counts=counts(found),
        scored=len(scores), max_score=f"{counted.max_score:g}",
        mean=f"{statistics.fmean(scores):.2f}" if scores else "–", median=f"{statistics.median(scores):.2f}" if scores else "–",
        parts=rows, checks=failing_checks(checked),
        failed=[{"student": s.student, "why": s.result.output if s.result else ""} for s in found if s.state == FAILED],
        stale=_names(found, STALE), pending=_names(found, PENDING),
        students=student_rows(counted, found), overrides=override_rows(counted),
        plots={p.stem: p.name for p in plots}, grades=grades.name, overrides_csv=overrides.name)
    return ClassReport(pages.write(folder / "index.html", page), grades, overrides, plots)


def _names(found: list[Submission], state: str) -> list[str]:
    return [s.student for s in found if s.state == state]


def report_command(course: Course, assignment: str, folder: Path | None) -> int:
    report = write_report(course, assignment, folder)
    print(f"class report: {report.index}")
    print(f"plots: {', '.join(str(p) for p in report.plots)}")
    print(f"grades CSV: {report.grades}")
    print(f"overrides CSV: {report.overrides}")
    return 0
