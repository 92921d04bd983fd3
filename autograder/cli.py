"""``autograder``: grade notebooks with hidden checks, outside the student's process.

Workflow: nbgrader generate_assignment → students work → nbgrader collect →
``autograder grade ASSIGNMENT`` → nbgrader generate_feedback / export.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .course import Course, UsageError, put_venv_on_path
from .gradebook import GradebookError
from .results import SubmissionResult, as_points

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=None, help="course folder (default: the nearest folder with nbgrader_config.py)")
    parser.add_argument("--db", default=None, help="gradebook SQLAlchemy URL (default: nbgrader_config.py's, else sqlite gradebook.db)")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade files, or every collected submission of an assignment into the gradebook")
    grade.add_argument("assignment", help="assignment name, e.g. 01_view_reshape")
    grade.add_argument("files", nargs="*", type=Path, help="notebooks to grade; none: every submitted/*/ASSIGNMENT/ notebook")
    grade.add_argument("--json", action="store_true", help="print one Gradescope results.json object per file, one per line")
    grade.add_argument("--student", action="append", default=[], help="only these students (with no files given)")
    grade.add_argument("--force", action="store_true", help="regrade submissions that are already graded")

    verify = commands.add_parser("verify", help="prove solutions, stubs, mutants, alternatives and generated folders are right")
    verify.add_argument("assignments", nargs="*", help="default: every assignment")

    demo = commands.add_parser("demo", help="grade the bundled sample class in a scratch course and write feedback and grades")
    demo.add_argument("--keep", type=Path, default=None, help="build the scratch course here instead of a temporary folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    put_venv_on_path()
    try:
        if args.command == "grade":
            return grade_command(args)
        if args.command == "verify":
            from .verify import verify_command

            return verify_command(Course(args.course, args.db), args.assignments)
        if args.command == "demo":
            from .demo import demo_command

            return demo_command(args.keep)
    except UsageError as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (GradebookError, RuntimeError) as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 1
    return EXIT_USAGE


def source_for(course: Course, assignment: str, file: Path) -> Path:
    notebooks = course.source_notebooks(assignment)
    if len(notebooks) == 1:
        return notebooks[0]
    for notebook in notebooks:
        if notebook.name == file.name:
            return notebook
    raise UsageError(f"{file}: assignment '{assignment}' has notebooks {', '.join(n.name for n in notebooks)}; name the file like one of them")


def warn_if_isolation_is_reduced() -> None:
    from .sandbox import detect_isolation

    isolation = detect_isolation()
    if not isolation.bubblewrap:
        print(f"autograder: warning: {isolation.describe()}", file=sys.stderr)


def grade_command(args: argparse.Namespace) -> int:
    course = Course(args.course, args.db)
    course.check_assignment(args.assignment)
    warn_if_isolation_is_reduced()
    if args.files:
        missing = [str(f) for f in args.files if not f.is_file()]
        if missing:
            raise UsageError(f"no such file: {', '.join(missing)}")
        from .grader import Grader  # imports torch: only once there is something to grade

        graders: dict[Path, Grader] = {}
        results = []
        for file in args.files:
            source = source_for(course, args.assignment, file)
            grader = graders.setdefault(source, Grader(args.assignment, source))
            result = grader.grade(file)
            results.append((str(file), result))
            if args.json:
                print(json.dumps(result.to_gradescope(), ensure_ascii=False), flush=True)
        if not args.json:
            print_table(results, "file")
        return 0
    return grade_class_command(course, args.assignment, set(args.student), args.force)


def grade_class_command(course: Course, assignment: str, only: set[str], force: bool) -> int:
    from .batch import grade_class

    results, skipped = grade_class(course, assignment, only, force)
    if results:
        print_table(results, "student")
    elif not skipped:
        print(f"no submissions of {assignment} under {course.root / course.dirs.submitted_directory}/*/{assignment}/")
    if skipped:
        print(f"{skipped} submission(s) already graded and unchanged since; --force regrades them")
    return 0


def print_table(rows: list[tuple[str, SubmissionResult]], label: str) -> None:
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


if __name__ == "__main__":
    sys.exit(main())
