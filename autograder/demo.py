"""``autograder demo``: a whole grading round on a bundled sample class, in a scratch course.

The class (``demo/class/``) is written in the corpus format: each student is
the worked solution or the released notebook with some answer cells replaced;
a ``.ipynb`` file there is handed in as it is (e.g. a broken one).
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat

from . import corpus, i18n
from .course import CONFIG_FILE, Course, run_nbgrader

ASSIGNMENT = "01_view_reshape"
CLASS_FOLDER = Path("demo") / "class"
TIMESTAMP = "2026-11-20 23:59:00.000000 UTC"


def nbgrader(course_root: Path, *args: str) -> None:
    try:
        run_nbgrader(course_root, *args)
    except RuntimeError as exc:
        raise SystemExit(f"autograder demo: {exc}") from None


def build_course(repo: Course, scratch: Path) -> Course:
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    shutil.copy(repo.root / CONFIG_FILE, scratch / CONFIG_FILE)
    shutil.copytree(repo.root / repo.dirs.source_directory, scratch / repo.dirs.source_directory)
    nbgrader(scratch, "generate_assignment", ASSIGNMENT, "--force")
    return Course(scratch)


def hand_in(repo: Course, course: Course) -> list[str]:
    """Write every sample student's notebook into ``submitted/<student>/ASSIGNMENT/``."""
    name = f"{ASSIGNMENT}.ipynb"
    bases = {
        "solution": nbformat.read(str(repo.folder(repo.dirs.solution_directory, ASSIGNMENT) / name), as_version=4),
        "release": nbformat.read(str(repo.folder(repo.dirs.release_directory, ASSIGNMENT) / name), as_version=4),
    }
    students = []
    for entry in sorted((repo.root / CLASS_FOLDER).iterdir()):
        folder = course.folder(course.dirs.submitted_directory, ASSIGNMENT, entry.stem)
        folder.mkdir(parents=True)
        if entry.suffix == ".ipynb":
            shutil.copyfile(entry, folder / name)
        else:
            student = corpus.parse(entry)
            nbformat.write(corpus.apply(bases[student.base], student.cells), str(folder / name))
        (folder / "timestamp.txt").write_text(TIMESTAMP)
        students.append(entry.stem)
    return students


def demo_command(keep: Path | None) -> int:
    from .batch import grade_class
    from .feedback import write_reports
    from .report import write_report
    from .results import print_table
    from .sandbox import Limits

    repo = Course()
    scratch = (keep or repo.root / "demo-course").resolve()
    print(f"scratch course: {scratch}")
    course = build_course(repo, scratch)
    i18n.configure(course.config)
    students = hand_in(repo, course)
    print(f"{len(students)} submissions: {', '.join(students)}")

    started = time.monotonic()
    results, _ = grade_class(course, ASSIGNMENT, force=True, limits=Limits(notebook_seconds=15))
    print_table(results, "student")
    seconds = time.monotonic() - started
    print(f"graded {len(students)} submissions in {seconds:.1f} s ({seconds / len(students):.2f} s per submission)")

    nbgrader(scratch, "generate_feedback", ASSIGNMENT, "--force")
    nbgrader(scratch, "export", "--to", str(scratch / "grades.csv"))
    reports = write_reports(course, ASSIGNMENT)[0]
    notebooks = sorted(scratch.glob(f"feedback/*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    print(f"nbgrader feedback HTML ({len(notebooks)} files), e.g. {notebooks[0] if notebooks else 'none'}")
    print(f"student reports ({len(reports)} files):")
    for path in reports:
        print(f"  {path}")
    summary = write_report(course, ASSIGNMENT)
    print(f"class report: {summary.index} (plots: {', '.join(p.name for p in summary.plots)})")
    print(f"grades CSV: {scratch / 'grades.csv'} (this assignment's rows also in {summary.grades})")
    print(f"gradebook: {course.db_url}")
    return 0
