"""autograder: grade nbgrader notebooks with hidden checks that never run in the student's process.

The workflow, in order, run inside the course folder (the one holding nbgrader_config.py):

  1. release   nbgrader generate_assignment ASSIGNMENT   writes the student version to assignments/
  2. collect   nbgrader collect ASSIGNMENT               fills submitted/<student>/ASSIGNMENT/ (or zip_collect)
  3. grade     autograder grade ASSIGNMENT               hidden checks -> gradebook, autograded/
  4. feedback  autograder feedback ASSIGNMENT            feedback/<student>/ASSIGNMENT/report.html
  5. report    autograder report ASSIGNMENT              reports/ASSIGNMENT/index.html, grades.csv, overrides.csv

At any point, `autograder status ASSIGNMENT` counts the submissions collected, graded, failed
(could not be graded) and stale (submitted again since their last grading).
Feedback is in English or Chinese: c.Autograder.language in nbgrader_config.py, or AUTOGRADER_LANG,
else the locale.  Exit codes: 0 done, 1 a gradebook or nbgrader failure, 2 a usage error.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from . import i18n
from .course import Course, UsageError, put_venv_on_path
from .devices import grading_devices
from .gradebook import GradebookError, check_driver
from .results import SubmissionResult, print_table

EXIT_USAGE = 2


def default_workers() -> int:
    return len(os.sched_getaffinity(0))


def add_device_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                         help="devices for device checks: cpu always; cuda too with 'auto' where present, "
                              "and required with 'cuda' (default: auto)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=None, help="course folder (default: the nearest folder with nbgrader_config.py)")
    parser.add_argument("--db", default=None, help="gradebook SQLAlchemy URL (default: nbgrader_config.py's, else sqlite gradebook.db)")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="step 3: grade every collected submission (or given files) into the gradebook",
                                description=GRADE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    grade.add_argument("assignment", help="assignment name, e.g. 01_view_reshape")
    grade.add_argument("files", nargs="*", type=Path, help="notebooks to grade; none: every submitted/*/ASSIGNMENT/ notebook")
    grade.add_argument("--json", action="store_true", help="print one Gradescope results.json object per file, one per line")
    grade.add_argument("--student", action="append", default=[], help="only these students (with no files given)")
    grade.add_argument("--force", action="store_true", help="regrade submissions that are already graded")
    grade.add_argument("--workers", type=int, default=default_workers(), metavar="N",
                       help="grade N submissions at a time in separate processes (default: the number of cores)")
    grade.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                       help="send the gradings to this Dask scheduler; results come back here to one gradebook writer")
    add_device_option(grade)

    feedback = commands.add_parser("feedback", help="step 4: nbgrader's feedback plus a report.html per student",
                                   description=FEEDBACK_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    feedback.add_argument("assignment", help="assignment name, e.g. 01_view_reshape")
    feedback.add_argument("--student", action="append", default=[], help="only these students")
    feedback.add_argument("--no-nbgrader", dest="nbgrader", action="store_false",
                          help="write only report.html, without running nbgrader generate_feedback")

    report = commands.add_parser("report", help="step 5: the class report (HTML with plots), grades.csv and overrides.csv",
                                 description=REPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("assignment", help="assignment name, e.g. 01_view_reshape")
    report.add_argument("--out", type=Path, default=None, metavar="DIR", help="write here instead of reports/ASSIGNMENT/")

    status = commands.add_parser("status", help="how many submissions are collected, graded, failed and stale",
                                 description=STATUS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    status.add_argument("assignment", help="assignment name, e.g. 01_view_reshape")

    watch = commands.add_parser("watch", help="grade submissions as they arrive in nbgrader's exchange and release "
                                               "their feedback (a service; c.FeedbackPolicy sets what it shows when)",
                                description=WATCH_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    watch.add_argument("assignments", nargs="*", help="default: every assignment with hidden checks")
    watch.add_argument("--interval", type=float, default=2.0, metavar="SECONDS",
                       help="how often to look for new submissions (default: 2)")
    watch.add_argument("--workers", type=int, default=1, metavar="N",
                       help="grade N submissions at a time in separate warm processes (default: 1, in the service's own)")
    watch.add_argument("--once", action="store_true", help="one round (collect, grade, release), then exit")
    add_device_option(watch)

    verify = commands.add_parser("verify", help="prove solutions, stubs, mutants, alternatives and generated folders are right")
    verify.add_argument("assignments", nargs="*", help="default: every assignment")
    verify.add_argument("--workers", type=int, default=default_workers(), metavar="N", help="gradings at a time")
    add_device_option(verify)

    demo = commands.add_parser("demo", help="the whole workflow on the bundled sample class, in a scratch course")
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
    from .pool import reaping_orphans

    with reaping_orphans():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "grade":
            return grade_command(args)
        if args.command in ("feedback", "report", "status"):
            return course_command(args)
        if args.command == "watch":
            return watch_command(args)
        if args.command == "verify":
            from .verify import verify_command

            return verify_command(Course(args.course, args.db), args.assignments, args.workers, grading_devices(args.device))
        if args.command == "demo":
            from .demo import demo_command

            return demo_command(args.keep)
    except UsageError as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (GradebookError, RuntimeError) as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # a gradebook URL that cannot be opened
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"autograder: error: cannot use the gradebook: {detail}", file=sys.stderr)
        return 1
    except ImportError as exc:  # autograder's own installation is incomplete (a missing gradebook driver is a GradebookError)
        print(f"autograder: error: {type(exc).__name__}: {exc} (an incomplete installation: run `pip install -e .` "
              "in the repository)", file=sys.stderr)
        return 1
    return EXIT_USAGE


GRADE_HELP = """Step 3 of release -> collect -> grade -> feedback -> report.

With no files: grades every submitted/<student>/ASSIGNMENT/ notebook that is new or was submitted
again since its last grading, records the scores in nbgrader's gradebook, and writes autograded/
(the annotated notebook and results.json per student).  Killed runs resume; --force regrades all.
With files: grades just those, e.g. for Gradescope (--json prints one results.json object per file).
Next: autograder feedback ASSIGNMENT."""

FEEDBACK_HELP = """Step 4 of release -> collect -> grade -> feedback -> report.

Runs nbgrader generate_feedback (the autograded notebook as HTML, with each part's score, tutorial
section and how to reproduce a failed check), then writes feedback/<student>/ASSIGNMENT/report.html:
score per part, each failed check's message, the tutorial section, and a few lines of Python that
reproduce it.  Hidden checks are never shown.  Next: autograder report ASSIGNMENT."""

REPORT_HELP = """Step 5 of release -> collect -> grade -> feedback -> report.

Writes reports/ASSIGNMENT/index.html (score histogram, mean and median, each student's score, pass rate
per part, the most common failing checks, submissions that could not be graded and why, graders'
overrides and comments; plots as PNG files beside it), reports/ASSIGNMENT/grades.csv with the rows
`nbgrader export` writes for this assignment, and reports/ASSIGNMENT/overrides.csv.  Scores are the
gradebook's: a manual score or extra credit given in formgrader and nbgrader's late penalty count."""

WATCH_HELP = """Feedback while it still helps: run as the course's grader account (or as a JupyterHub service,
see deploy/jupyterhub/).  Every few seconds it runs nbgrader's collect from the exchange, grades new
submissions into the gradebook as `autograder grade` does, writes each student's feedback page and
releases it with nbgrader's release_feedback, so Fetch Feedback in JupyterLab's Assignments panel shows
it.  c.FeedbackPolicy in nbgrader_config.py sets, per assignment, what the page shows before and after
the due date (score, messages, reproducers: visible, after_due_date or hidden) and how often a student's
submissions are graded (attempt_interval_minutes; a later one is held and the page says until when).
One line per grading on stdout; SIGTERM stops it.  Killed and restarted, it grades nothing twice."""

STATUS_HELP = """Usable at any step: counts the submissions of ASSIGNMENT that are collected, graded, failed
(could not be graded: they scored 0, and the reason is shown), stale (submitted again after their
last grading) and not graded yet.  Reads files only; it does not grade."""


def open_course(args: argparse.Namespace, gradebook: bool = True) -> Course:
    """The course and assignment named on the command line, with the course's feedback language.

    With ``gradebook``, a gradebook URL whose database driver is missing is reported here, in one line."""
    course = Course(args.course, args.db)
    course.check_assignment(args.assignment)
    if gradebook:
        check_driver(course.db_url)
    i18n.configure(course.config)
    return course


def course_command(args: argparse.Namespace) -> int:
    course = open_course(args, gradebook=args.command == "report" or (args.command == "feedback" and args.nbgrader))
    if args.command == "status":
        from .status import status_command

        return status_command(course, args.assignment)
    if args.command == "feedback":
        from .feedback import feedback_command

        return feedback_command(course, args.assignment, set(args.student), args.nbgrader)
    from .report import report_command

    return report_command(course, args.assignment, args.out)


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
    course = open_course(args, gradebook=not args.files)  # graded files go to no gradebook
    warn_if_isolation_is_reduced()
    if args.files:
        missing = [str(f) for f in args.files if not f.is_file()]
        if missing:
            raise UsageError(f"no such file: {', '.join(missing)}")
        from .pool import Task, grade_many  # imports torch: only once there is something to grade

        devices = grading_devices(args.device, cluster=bool(args.scheduler))
        tasks = [Task(args.assignment, source_for(course, args.assignment, f), f, label=str(f), devices=devices)
                 for f in args.files]
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


def watch_command(args: argparse.Namespace) -> int:
    from .watch import watch_command as run

    if args.interval <= 0 or args.workers < 1:
        raise UsageError("--interval must be above 0 seconds and --workers at least 1")
    course = Course(args.course, args.db)
    check_driver(course.db_url)
    i18n.configure(course.config)
    warn_if_isolation_is_reduced()
    return run(course, args.assignments, args.interval, args.workers, args.once, grading_devices(args.device))


def grade_class_command(course: Course, args: argparse.Namespace, only: set[str]) -> int:
    from .batch import grade_class

    results, skipped = grade_class(course, args.assignment, only, args.force, workers=args.workers,
                                   scheduler=args.scheduler, progress=True,
                                   devices=grading_devices(args.device, cluster=bool(args.scheduler)))
    if results:
        print_table(results, "student")
    elif not skipped:
        print(f"no submissions of {args.assignment} under {course.root / course.dirs.submitted_directory}/*/{args.assignment}/")
    if skipped:
        print(f"{skipped} submission(s) already graded and unchanged since; --force regrades them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
