"""Grading speed and memory: this engine against stock ``nbgrader autograde``, on the same class.

    make bench                       # or: .venv/bin/python bench/grading.py --repeat 3

Builds a scratch course of 01_view_reshape with a generated class (correct,
wrong and blank work), grades it with (a) stock nbgrader (its own Execute
preprocessor, tests in the student's kernel) and (b) this engine, and prints
medians over repeated runs: seconds per submission, submissions per minute,
peak memory of a worker (nbgrader: its kernels; here: the sandboxed worker
processes, as they report it), grader overhead per submission (time graded
minus time in the student's cells and in the checks), and the throughput
ratio (b)/(a).  Then the per-submission time of every assignment.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder import corpus  # noqa: E402
from autograder.course import Course, run_nbgrader  # noqa: E402

ASSIGNMENT = "01_view_reshape"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
STOCK_NBGRADER = '''
# The anchor: nbgrader's own autograde pipeline, running the notebook's tests in the student's kernel.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties", "nbgrader.preprocessors.CheckCellMetadata",
]
'''


def build_course(root: Path, size: int, stock: bool, kinds_cycle: tuple[str, ...] = ("correct", "wrong", "blank")) -> list[str]:
    """A course with ``size`` submissions: a third correct, a third mutants, a third blank (by default)."""
    root.mkdir(parents=True)
    config = (REPO / "nbgrader_config.py").read_text() + (STOCK_NBGRADER if stock else "")
    (root / "nbgrader_config.py").write_text(config)
    shutil.copytree(REPO / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    run_nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    release = nbformat.read(str(root / "assignments" / ASSIGNMENT / NOTEBOOK), as_version=4)
    mutants = corpus.variants(REPO, ASSIGNMENT, "mutants")
    kinds = []
    for n in range(size):
        kind = kinds_cycle[n % len(kinds_cycle)]
        notebook = {"correct": solution, "blank": release}.get(kind) or corpus.apply(solution, mutants[n % len(mutants)].cells)
        folder = root / "submitted" / f"s{n:03d}-{kind}" / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / NOTEBOOK))
        kinds.append(kind)
    return kinds


# Runs a command and prints the peak RSS (KB) of the largest process it waited for: nbgrader's kernels.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; " \
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r)"


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds, and peak RSS in MB of the largest process the command waited for."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.monotonic() - started, int(done.stdout.strip().splitlines()[-1]) / 1024


def scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}


def measure(label: str, size: int, repeat: int, stock: bool, command: list[str], env: dict | None = None) -> dict:
    walls, rss = [], []
    last_scores: dict[str, float] = {}
    overheads: list[float] = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
            root = Path(tmp) / "course"
            build_course(root, size, stock)
            wall, peak = timed(command, root, env)
            walls.append(wall)
            last_scores = scores(root)
            if stock:
                rss.append(peak)  # the kernels, where nbgrader runs the student's code
            else:
                overheads, workers_rss = engine_details(root, env)
                rss.append(workers_rss)
    wall = statistics.median(walls)
    return {"label": label, "per_submission": wall / size, "per_minute": 60 * size / wall, "peak_rss_mb": max(rss),
            "overhead": statistics.median(overheads) if overheads else None, "scores": last_scores}


def engine_details(root: Path, env: dict) -> tuple[list[float], float]:
    """Per submission, time graded minus time in the student's cells and in the checks; and the workers' peak RSS."""
    course = Course(root)
    cmd = [sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--json", "--workers", "1",
           *[str(p) for _, p in course.submissions(ASSIGNMENT)]]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    seconds = [json.loads(line)["extra_data"]["seconds"] | {"total": json.loads(line)["execution_time"]}
               for line in done.stdout.splitlines()]
    overheads = [s["total"] - s.get("notebook", 0) - s.get("checks", 0) for s in seconds[1:]]  # [0] starts the fork server
    return overheads, max(s.get("worker_peak_rss_mb", 0) for s in seconds)


def per_assignment(repeat: int) -> list[tuple[str, float]]:
    """Seconds to grade a fully answered submission (the worked solution) of each assignment, warm."""
    rows = []
    for source in sorted((REPO / "source").iterdir()):
        a = source.name
        solution = REPO / "solutions" / a / f"{a}.ipynb"
        if not solution.is_file() or not (REPO / "autograder" / "checks" / a).is_dir():
            continue
        cmd = [sys.executable, "-m", "autograder", "grade", a, "--json", "--workers", "1", *[str(solution)] * (max(repeat, 2) + 1)]
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        times = [json.loads(line)["execution_time"] for line in done.stdout.splitlines()][1:]  # [0] starts the fork server
        rows.append((a, statistics.median(times)))
    return rows


def fixed_cost(repeat: int, workers: int, env: dict) -> float:
    """Seconds of a grading run with one unanswered submission: start-up (nbgrader, workers importing torch,
    fork servers) and the run's bookkeeping, paid once per run whatever the class size."""
    walls = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
            root = Path(tmp) / "course"
            build_course(root, 1, False, ("blank",))
            walls.append(timed([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--force", "--workers", str(workers)],
                               root, env)[0])
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=42, help="submissions in the class (default 42)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per system; medians are reported")
    parser.add_argument("--stock-repeat", type=int, default=None, help="runs of stock nbgrader (default: --repeat)")
    args = parser.parse_args()
    workers = len(os.sched_getaffinity(0))
    nbgrader_bin = str(Path(sys.executable).with_name("nbgrader"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    grade = [sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--force"]
    runs = [
        measure("stock nbgrader autograde", args.size, args.stock_repeat or args.repeat, True,
                [nbgrader_bin, "autograde", ASSIGNMENT, "--force", "--log-level=ERROR"], env),
        measure("this engine, 1 worker", args.size, args.repeat, False, [*grade, "--workers", "1"], env),
        measure(f"this engine, {workers} workers", args.size, args.repeat, False, [*grade, "--workers", str(workers)], env),
        measure(f"this engine, {workers} workers, no bubblewrap", args.size, args.repeat, False,
                [*grade, "--workers", str(workers)], {**env, "AUTOGRADER_SANDBOX": "none"}),
    ]
    anchor = runs[0]
    print(f"\nclass: {args.size} submissions of {ASSIGNMENT}; medians of {args.repeat} runs; "
          f"{os.cpu_count()} CPUs, {os.uname().machine}, Python {sys.version.split()[0]}")
    print(f"{'system':44} {'s/submission':>12} {'subs/min':>9} {'worker MB':>10} {'overhead s':>11} {'ratio':>7}")
    for run in runs:
        overhead = f"{run['overhead']:.3f}" if run["overhead"] is not None else "-"
        print(f"{run['label']:44} {run['per_submission']:12.3f} {run['per_minute']:9.1f} {run['peak_rss_mb']:10.0f} "
              f"{overhead:>11} {run['per_minute'] / anchor['per_minute']:6.1f}x")
    honest = [s for s in anchor["scores"] if s.endswith("-correct")]
    same = all(anchor["scores"][s] == run["scores"][s] for run in runs[1:] for s in honest)
    print(f"honest (correct) submissions score the same in every system: {same}")
    fixed = fixed_cost(args.repeat, workers, env)
    print(f"fixed cost of one grading run ({workers} workers, one unanswered submission): {fixed:.2f} s, "
          f"{fixed / args.size:.3f} s per submission of this class")
    print("\nper-submission time by assignment (this engine, 1 worker, warm; a fully answered submission, the worked solution):")
    for assignment, seconds in per_assignment(args.repeat):
        print(f"  {assignment:28} {seconds:.2f} s")


if __name__ == "__main__":
    main()
