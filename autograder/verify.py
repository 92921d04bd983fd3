"""``autograder verify``: prove, for every assignment, that the course is right.

- ``assignments/`` and ``solutions/`` are exactly what nbgrader regenerates from ``source/``;
- every graded part has hidden checks, and every checks file belongs to a part;
- the worked solution earns full marks, and the released stub fails every check;
- every mutant in ``tests/corpus`` loses points on the part it targets and only there;
- every alternative solution earns full marks;
- every generated non-answer (nonanswers.py) earns 0 points on every part.
"""
from __future__ import annotations

import filecmp
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from . import corpus, nonanswers
from . import notebook as nb
from .course import CONFIG_FILE, Course, checks_dir, run_nbgrader
from .pool import Task, grade_many
from .results import SubmissionResult, as_points


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    passes: int = 0
    non_answers: int = 0  # parts graded with a generated non-answer
    reproducers: int = 0  # mutants' reproducers run after the mutant's cells

    def check(self, ok: bool, what: str) -> None:
        if ok:
            self.passes += 1
        else:
            self.failures.append(what)


def regenerate(course: Course, assignment: str, scratch: Path) -> Path:
    """A scratch course holding what nbgrader generates from ``source/`` now."""
    scratch.mkdir(parents=True, exist_ok=True)
    shutil.copy(course.root / CONFIG_FILE, scratch / CONFIG_FILE)
    shutil.copytree(course.folder(course.dirs.source_directory, assignment),
                    scratch / course.dirs.source_directory / assignment)
    for step in ("generate_assignment", "generate_solution"):
        run_nbgrader(scratch, step, assignment, "--force")
    return scratch


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Files that differ, or exist on one side only."""
    if not actual.is_dir():
        return [f"{actual} is missing"]
    names = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    names |= {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()}
    problems = []
    for name in sorted(names):
        a, b = expected / name, actual / name
        if not a.is_file():
            problems.append(f"{actual / name} is not generated from source (remove it)")
        elif not b.is_file():
            problems.append(f"{actual / name} is missing")
        elif not filecmp.cmp(a, b, shallow=False):
            problems.append(f"{actual / name} differs from what nbgrader generates")
    return problems


def verify_generated(course: Course, assignment: str, report: Report) -> None:
    with tempfile.TemporaryDirectory(prefix="autograder-verify-") as tmp:
        try:
            scratch = regenerate(course, assignment, Path(tmp))
        except RuntimeError as exc:
            report.check(False, str(exc))
            return
        for step in (course.dirs.release_directory, course.dirs.solution_directory):
            problems = compare_trees(scratch / step / assignment, course.root / step / assignment)
            report.check(not problems, f"{assignment}: {step}/ is stale: {'; '.join(problems)}; run `make generate`")


def verify_layout(course: Course, assignment: str, source: nb.nbformat.NotebookNode, report: Report) -> None:
    parts = {p.grade_id for p in nb.parts(source)}
    files = {p.stem for p in checks_dir(assignment).glob("test_*.py")}
    for missing in sorted(parts - files):
        report.check(False, f"{assignment}: graded cell '{missing}' has no checks file {checks_dir(assignment) / (missing + '.py')}")
    for extra in sorted(files - parts):
        report.check(False, f"{assignment}: {extra}.py matches no graded cell of the source notebook")
    mutants = corpus.variants(course.root, assignment, "mutants")
    for part in sorted(parts - {m.targets for m in mutants}):
        report.check(False, f"{assignment}: no mutant in tests/corpus targets '{part}'")
    report.check(bool(parts), f"{assignment}: the source notebook has no graded cells")


def summary(result: SubmissionResult) -> str:
    failed = [f"{c.name}: {c.message}" for p in result.parts for c in p.checks if not c.passed]
    return f"{as_points(result.score):g}/{as_points(result.max_score):g}" + (f" (failed {failed[0]})" if failed else "")


def grading_tasks(course: Course, assignment: str, devices: tuple[str, ...] = ("cpu",)) -> list[tuple[str, object, Task]]:
    """What verify grades: ``(kind, corpus variant or None, task)``."""
    tasks = []
    for source in course.source_notebooks(assignment):
        solution = course.folder(course.dirs.solution_directory, assignment) / source.name
        release = course.folder(course.dirs.release_directory, assignment) / source.name
        tasks.append(("solution", None, Task(assignment, source, solution, label=solution.name, devices=devices)))
        # the stub's checks all run (not skipped as unanswered): they must all fail, which is what makes
        # skipping them for a student's unanswered part safe
        tasks.append(("stub", None, Task(assignment, source, release, label=release.name, devices=devices,
                                         check_unanswered=True)))
        worked = nb.read_source(solution)
        answers = {nb.nbgrader_meta(c)["grade_id"]: c.source for c in worked.cells if nb.is_solution(c)}
        for name in nonanswers.KINDS:
            cells = {grade_id: nonanswers.non_answer(text, name) for grade_id, text in answers.items()}
            text = nb.nbformat.writes(corpus.apply(worked, cells))
            tasks.append(("non-answer", name, Task(assignment, source, notebook_json=text, label=f"non-answer/{name}",
                                                   devices=devices, check_unanswered=True)))
        for kind in ("mutants", "alternatives"):
            for variant in corpus.variants(course.root, assignment, kind):
                text = nb.nbformat.writes(corpus.apply(worked, variant.cells))
                tasks.append((kind, variant, Task(assignment, source, notebook_json=text, label=f"{kind}/{variant.name}",
                                                  devices=devices, replay=kind == "mutants")))
    return tasks


def shows_the_failure(error: str, message: str, check: str) -> bool:
    """A reproducer runs to its end, or stops with the error the check reported (the student's code raised it),
    or, for a check on the 'meta' or 'cuda' device, with a device error (the failure it shows).

    Anything else (a NameError for a handle, a line the check wrote that cannot run) is the reproducer's fault."""
    raised = re.findall(r"\b([A-Z]\w*(?:Error|Exception)|StopIteration)\b", error)
    on_a_device = check.endswith(("[meta]", "[cuda]")) and ("device" in error or "meta" in error)
    return not error or on_a_device or any(kind in message for kind in raised)


def judge(kind: str, variant, result: SubmissionResult, assignment: str, report: Report) -> str:
    """Check one grading against what its kind must score; the line to show."""
    if result.internal_error:
        report.check(False, f"{assignment}: grading {kind} {getattr(variant, 'name', '')} failed: {result.output}")
        return f"{kind} {getattr(variant, 'name', '')}: GRADER ERROR {result.output}"
    if kind == "solution":
        report.check(result.score == result.max_score > 0, f"{assignment}: the solution scores {summary(result)}, not full marks")
        return f"solution: {summary(result)} in {result.execution_time:.1f}s"
    if kind == "stub":
        passed = [c.name for p in result.parts for c in p.checks if c.passed]
        report.check(not passed, f"{assignment}: checks pass on the released stub: {', '.join(passed)}")
        return f"stub: {summary(result)}"
    if kind == "non-answer":
        earning = [f"{p.grade_id} ({', '.join(c.check for c in p.checks if c.passed)})" for p in result.parts if p.score > 0]
        report.non_answers += len(result.parts)
        report.check(not earning, f"{assignment}: the non-answer {variant} earns points on {'; '.join(earning)}")
        return f"non-answer {variant}: {summary(result)}" + (f"  <-- EARNS POINTS on {'; '.join(earning)}" if earning else "")
    if kind == "mutants":
        target = next((p for p in result.parts if p.grade_id == variant.targets), None)
        caught = target is not None and target.score < target.points
        wrong = [p.grade_id for p in result.parts if p.grade_id != variant.targets and p.score != p.points]
        report.check(caught, f"{assignment}: mutant {variant.name} ({variant.description}) is not caught by {variant.targets}")
        report.check(not wrong, f"{assignment}: mutant {variant.name} also loses points on {', '.join(wrong)}")
        for check in (c for p in result.parts for c in p.checks if not c.passed and c.reproducer):
            error = result.replayed.get(check.reproducer, "")
            report.check(shows_the_failure(error, check.message, check.check),
                         f"{assignment}: the reproducer of mutant {variant.name}'s {check.name} does not run after the "
                         f"mutant's cells: {error}")
            report.reproducers += 1
        return f"mutant {variant.name}: {summary(result)}{'' if caught else '  <-- NOT CAUGHT'}"
    report.check(result.score == result.max_score,
                 f"{assignment}: correct alternative {variant.name} ({variant.description}) scores {summary(result)}")
    return f"alternative {variant.name}: {summary(result)}"


def verify_grading(course: Course, assignment: str, report: Report, say, workers: int,
                   devices: tuple[str, ...] = ("cpu",)) -> None:
    planned = grading_tasks(course, assignment, devices)
    lines: dict[int, str] = {}
    for index, result in grade_many([task for _, _, task in planned], workers):
        kind, variant, _ = planned[index]
        lines[index] = judge(kind, variant, result, assignment, report)
    for index in sorted(lines):
        say(lines[index])


def verify_command(course: Course, assignments: list[str], workers: int = 1, devices: tuple[str, ...] = ("cpu",)) -> int:
    console = Console(highlight=False)
    names = assignments or course.assignments()
    for name in names:
        course.check_assignment(name)
    report = Report()
    for assignment in names:
        console.print(f"[bold]{assignment}[/bold]")
        verify_generated(course, assignment, report)
        for source_path in course.source_notebooks(assignment):
            verify_layout(course, assignment, nb.read_source(source_path), report)
        verify_grading(course, assignment, report, lambda text: console.print(f"  {escape(text)}"), workers, devices)
    if report.failures:
        console.print(f"[red]verify: {len(report.failures)} problem(s)[/red]")
        for failure in report.failures:
            console.print(f"  - {escape(failure)}")
        return 1
    console.print(f"[green]verify: all {report.passes} checks passed for {', '.join(names)}; "
                  f"{report.non_answers} parts graded with generated non-answers ({len(nonanswers.KINDS)} kinds), "
                  f"each 0 points; {report.reproducers} reproducers of mutants run after the mutant's cells[/green]")
    return 0
