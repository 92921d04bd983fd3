"""``autograder``: grade notebooks with hidden checks, outside the student's process.

Workflow: nbgrader generate_assignment → students work → nbgrader collect →
``autograder grade ASSIGNMENT`` → nbgrader generate_feedback / export.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError
from rich.markup import escape
from rich.table import Table

from .course import Course, UsageError, put_venv_on_path
from .gradebook import GradebookError
from .results import SubmissionResult, as_points

EXIT_USAGE = 2


def default_workers() -> int:
    return len(os.sched_getaffinity(0))


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
    grade.add_argument("--workers", type=int, default=default_workers(), metavar="N",
                       help="grade N submissions at a time in separate processes (default: the number of cores)")
    grade.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                       help="send the gradings to this Dask scheduler; results come back here to one gradebook writer")

    verify = commands.add_parser("verify", help="prove solutions, stubs, mutants, alternatives and generated folders are right")
    verify.add_argument("assignments", nargs="*", help="default: every assignment")
    verify.add_argument("--workers", type=int, default=default_workers(), metavar="N", help="gradings at a time")

    demo = commands.add_parser("demo", help="grade the bundled sample class in a scratch course and write feedback and grades")
    demo.add_argument("--keep", type=Path, default=None, help="build the scratch course here instead of a temporary folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "grade" and not any(e.startswith("-") for e in extra):
        args.files += [Path(e) for e in extra]  # files given after options: argparse leaves them over
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    put_venv_on_path()
    try:
        if args.command == "grade":
            return grade_command(args)
        if args.command == "verify":
            from .verify import verify_command

            return verify_command(Course(args.course, args.db), args.assignments, args.workers)
        if args.command == "demo":
            from .demo import demo_command

            return demo_command(args.keep)
    except UsageError as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (GradebookError, RuntimeError) as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 1
    except (SQLAlchemyError, ModuleNotFoundError) as exc:  # a gradebook URL that cannot be opened
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"autograder: error: cannot use the gradebook: {detail}", file=sys.stderr)
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
        from .pool import Task, grade_many  # imports torch: only once there is something to grade

        tasks = [Task(args.assignment, source_for(course, args.assignment, f), f, label=str(f)) for f in args.files]
        results: dict[int, SubmissionResult] = {}
        printed = 0
        for index, result in grade_many(tasks, args.workers, args.scheduler):
            results[index] = result
            while args.json and printed in results:  # one line per file, in the order given
                print(json.dumps(results[printed].to_gradescope(), ensure_ascii=False), flush=True)
                printed += 1
        if not args.json:
            print_table([(str(tasks[i].submission), results[i]) for i in sorted(results)], "file")
        return 0
    return grade_class_command(course, args, set(args.student))


def grade_class_command(course: Course, args: argparse.Namespace, only: set[str]) -> int:
    from .batch import grade_class

    results, skipped = grade_class(course, args.assignment, only, args.force, workers=args.workers,
                                   scheduler=args.scheduler, progress=True)
    if results:
        print_table(results, "student")
    elif not skipped:
        print(f"no submissions of {args.assignment} under {course.root / course.dirs.submitted_directory}/*/{args.assignment}/")
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
