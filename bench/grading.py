"""Grading speed and memory: this engine against stock ``nbgrader autograde``, graded in the same run.

    make bench                       # or: .venv/bin/python bench/grading.py --repeat 3
    .venv/bin/python bench/grading.py --size 6 --repeat 1 --only 01_view_reshape     # a quick look

Builds scratch courses with generated classes and grades each class with (a) stock nbgrader (its own
Execute preprocessor: the notebook's visible tests in the student's kernel), the anchor, and (b) this
engine (``autograder grade``) with 1 and 2 workers.  It prints, as medians over ``--repeat`` runs:

1. a mixed class of 01_view_reshape (a third worked solutions, a third mutants, a third blank stubs);
2. all-answered classes (worked solutions and mutants from tests/corpus, no blanks) of 01_view_reshape
   (40 submissions) and 06_optimizer_loop (20: stock nbgrader trains the MLP in every kernel);

each with seconds per submission, submissions per minute, peak memory of a worker (nbgrader: its largest
process, a kernel; here: the sandboxed workers, as they report it), grader overhead per submission (time
graded minus time in the student's cells and the checks), the throughput ratio against stock nbgrader and
whether the worked solutions score the same in every system.  Then the time to grade one fully answered
submission (the worked solution) of every assignment, warm, one worker, beside the targets of issue 17 and
split into the student's own code (its cells, and the calls the checks made into the worker, as the worker
times them) and the rest (the grading's own time), and the peak worker memory against its 700 MB target.
It prints figures; it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder import corpus  # noqa: E402
from autograder.course import run_nbgrader  # noqa: E402

STOCK_NBGRADER = '''
# The anchor: nbgrader's own autograde pipeline, running the notebook's tests in the student's kernel.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute", "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties", "nbgrader.preprocessors.CheckCellMetadata",
]
'''

MIXED = ("correct", "wrong", "blank")  # the mixed class, in turn
ANSWERED = ("correct", "wrong")        # the all-answered class, in turn
MIXED_ASSIGNMENT = "01_view_reshape"
CLASS_ASSIGNMENTS = ("01_view_reshape", "06_optimizer_loop")  # all-answered classes by default
DEFAULT_SIZES = {"mixed": 42, "06_optimizer_loop": 20}        # else 40 submissions
DEFAULT_SIZE = 40
# Issue 17's targets (medians, the 2-core development machine)
SECONDS_TARGETS = {"01_view_reshape": 0.25, "06_optimizer_loop": 1.2}  # a fully answered submission, warm
SECONDS_TARGET = 0.4                                                   # every other assignment
RATIO_TARGET = 15.0       # the all-answered class of 40 of 01, 2 workers, against stock nbgrader
RATIO_TARGET_CLASS = ("01_view_reshape", 40, 2)
MEMORY_TARGET_MB = 700    # peak memory of a worker
PARTS = ("mixed", "answered", "fixed", "per-assignment")


# ---------------------------------------------------------------- printing

def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A Markdown table, padded to line up in a terminal: the first column left, the others right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    def line(cells: list) -> str:
        padded = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))


def met(figure: float, target: float, at_most: bool = True) -> str:
    return "met" if (figure <= target if at_most else figure >= target) else "not met"


def machine() -> str:
    """CPUs, their model, Python, torch and nbgrader, and how busy the machine is."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    import nbgrader
    import torch

    return (f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {model}, {platform.machine()}; "
            f"Python {platform.python_version()}, torch {torch.__version__}, nbgrader {nbgrader.__version__}; "
            f"{load()}")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


# ---------------------------------------------------------------- the class

def notebook_name(assignment: str) -> str:
    return f"{assignment}.ipynb"


def class_kinds(size: int, cycle: tuple[str, ...]) -> list[str]:
    """The kind of each of ``size`` submissions, taking ``cycle`` in turn."""
    return [cycle[n % len(cycle)] for n in range(size)]


def pick_mutants(mutants: list, count: int) -> list:
    """``count`` mutants spread evenly over the corpus (all of them, in turn, when more are wanted)."""
    if not mutants:
        raise SystemExit("bench: no mutants in tests/corpus for this assignment")
    if count > len(mutants):
        return [mutants[k % len(mutants)] for k in range(count)]
    return [mutants[k * len(mutants) // count] for k in range(count)]


def hand_in(root: Path, assignment: str, kinds: list[str]) -> None:
    """Write ``submitted/s<NNN>-<kind>/<assignment>/<assignment>.ipynb`` for each kind: the worked solution,
    a mutant from tests/corpus applied to its base notebook, or the released stub."""
    name = notebook_name(assignment)
    bases = {"solution": nbformat.read(str(REPO / "solutions" / assignment / name), as_version=4),
             "release": nbformat.read(str(root / "assignments" / assignment / name), as_version=4)}
    mutants = iter(pick_mutants(corpus.variants(REPO, assignment, "mutants"), kinds.count("wrong")))
    for n, kind in enumerate(kinds):
        if kind == "wrong":
            mutant = next(mutants)
            notebook = corpus.apply(bases[mutant.base], mutant.cells)
        else:
            notebook = bases["solution" if kind == "correct" else "release"]
        folder = root / "submitted" / f"s{n:03d}-{kind}" / assignment
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / name))


def build_course(root: Path, assignment: str, kinds: list[str], stock: bool) -> None:
    """A scratch course of one assignment (released with nbgrader) with one submission per kind; with
    ``stock``, its nbgrader_config.py makes ``nbgrader autograde`` run nbgrader's own Execute step."""
    root.mkdir(parents=True)
    config = (REPO / "nbgrader_config.py").read_text() + (STOCK_NBGRADER if stock else "")
    (root / "nbgrader_config.py").write_text(config)
    shutil.copytree(REPO / "source" / assignment, root / "source" / assignment)  # with its data
    run_nbgrader(root, "generate_assignment", assignment, "--force")
    hand_in(root, assignment, kinds)


# ---------------------------------------------------------------- measuring

# Runs a command and prints the peak RSS (KB) of the largest process it waited for: nbgrader's kernels.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; " \
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r)"


# The grading service's path (`autograder watch`): a pool kept warm across rounds, here warmed by one grading of the
# worked solution per pool process; then the class is graded into the gradebook through it and only that is timed.
WARM_DRIVER = """
import sys, time
from pathlib import Path
from autograder.batch import grade_class
from autograder.course import Course
from autograder.pool import Task, grade_many, warm_pool
assignment, solution, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
course = Course(Path.cwd())
source = course.source_notebooks(assignment)[0]
with warm_pool(workers) as pool:
    list(grade_many([Task(assignment, source, solution)] * workers, pool=pool))
    started = time.monotonic()
    grade_class(course, assignment, force=True, pool=pool)
    print(f"class-seconds {time.monotonic() - started}")
"""


@dataclass
class System:
    """A way of grading a class: stock nbgrader, or this engine with some workers (``warm``: through a warm pool)."""
    label: str
    stock: bool
    workers: int = 1
    env: dict = field(default_factory=dict)  # added to the environment
    warm: bool = False

    def command(self, assignment: str) -> list[str]:
        if self.stock:
            return [str(Path(sys.executable).with_name("nbgrader")), "autograde", assignment, "--force", "--log-level=ERROR"]
        if self.warm:
            solution = REPO / "solutions" / assignment / notebook_name(assignment)
            return [sys.executable, "-c", WARM_DRIVER, assignment, str(solution), str(self.workers)]
        return [sys.executable, "-m", "autograder", "grade", assignment, "--force", "--workers", str(self.workers)]


@dataclass
class Measurement:
    system: System
    size: int
    per_submission: float  # median wall seconds of the run / size
    per_minute: float
    worker_mb: float | None  # the largest over the runs
    overhead: float | None  # median over submissions of the last run (this engine only)
    graded: int  # submissions with a score in the gradebook, last run
    scores: dict[str, tuple[float, float]]  # student -> (score, max score), last run
    failed: str = ""  # the command's last words where it exited non-zero


def timed(command: list[str], cwd: Path, env: dict) -> tuple[float, float, str]:
    """Wall seconds (or the seconds the command says its timed part took, on a ``class-seconds`` line); peak RSS in
    MB of the largest process the command waited for; its error tail, if it failed."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - started
    lines = done.stdout.strip().splitlines()
    said = [float(line.split()[1]) for line in lines if line.startswith("class-seconds ")]
    wall = said[-1] if said else wall
    peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0.0
    failed = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    return wall, peak, failed


def gradebook_scores(root: Path, assignment: str) -> dict[str, tuple[float, float]]:
    """Each student's (score, max score) in the course's nbgrader gradebook, where an autograded notebook exists."""
    from nbgrader.api import Gradebook

    graded = {p.parent.parent.name for p in (root / "autograded").glob(f"*/{assignment}/{notebook_name(assignment)}")}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {s.student.id: (s.score, s.max_score) for s in gb.assignment_submissions(assignment)
                if s.student.id in graded}


def engine_details(root: Path, assignment: str) -> tuple[float | None, float | None]:
    """From the results.json this engine stored for each submission: the median grader overhead (time graded
    minus time in the student's cells and in the checks) and the largest peak RSS a worker reported."""
    overheads, memory = [], []
    for path in (root / "autograded").glob(f"*/{assignment}/results.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        seconds = data.get("extra_data", {}).get("seconds", {})
        if "notebook" in seconds or "checks" in seconds:  # a blank submission runs nothing
            overheads.append(data["execution_time"] - seconds.get("notebook", 0) - seconds.get("checks", 0))
        if "worker_peak_rss_mb" in seconds:
            memory.append(seconds["worker_peak_rss_mb"])
    return (statistics.median(overheads) if overheads else None), (max(memory) if memory else None)


@dataclass
class Run:
    """One grading of a class by one system, in a fresh scratch course."""
    wall: float
    worker_mb: float | None
    overhead: float | None  # this engine only
    scores: dict[str, tuple[float, float]]
    failed: str


def run_once(system: System, assignment: str, kinds: list[str], env: dict) -> Run:
    """Grade the class once, in a fresh scratch course, and time the whole grading command."""
    with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
        root = Path(tmp) / "course"
        build_course(root, assignment, kinds, system.stock)
        wall, peak, failed = timed(system.command(assignment), root, {**env, **system.env})
        scores = gradebook_scores(root, assignment)
        if system.stock:
            overhead, worker = None, peak  # the kernels, where nbgrader runs the student's code
        else:
            overhead, worker = engine_details(root, assignment)
    return Run(wall, worker or None, overhead, scores, failed)


def summarize(system: System, size: int, runs: list[Run]) -> Measurement:
    """Medians over the runs; the scores, overhead and errors of the last."""
    wall, last = statistics.median(r.wall for r in runs), runs[-1]
    memory = [r.worker_mb for r in runs if r.worker_mb]
    return Measurement(system, size, wall / size, 60 * size / wall, max(memory) if memory else None, last.overhead,
                       len(last.scores), last.scores, last.failed)


# ---------------------------------------------------------------- a class's report

def class_table(measurements: list[Measurement]) -> None:
    anchor = measurements[0]
    rows = []
    for m in measurements:
        rows.append([m.system.label, f"{m.graded}/{m.size}", f"{m.per_submission:.3f}", f"{m.per_minute:.1f}",
                     f"{m.worker_mb:.0f}" if m.worker_mb else "-",
                     f"{m.overhead:.3f}" if m.overhead is not None else "-",
                     f"{m.per_minute / anchor.per_minute:.1f}x"])
    print_table(["system", "graded", "s/submission", "subs/min", "worker MB", "overhead s", "ratio"], rows)
    for m in measurements:
        if m.failed:
            print(f"  {m.system.label} exited non-zero: {m.failed}")


def score_summary(measurements: list[Measurement], kinds: list[str]) -> None:
    """Whether each worked solution scores the same in every system, and how many mutants each marks down."""
    students = [f"s{n:03d}-{kind}" for n, kind in enumerate(kinds)]
    correct = [s for s in students if s.endswith("-correct")]
    differ = [f"{s} ({', '.join(fmt_score(m.scores.get(s)) + ' ' + m.system.label for m in measurements)})"
              for s in correct if len({m.scores.get(s) for m in measurements}) != 1]
    shown = fmt_score(measurements[0].scores.get(correct[0])) if correct else "-"
    print(f"correct answers score identically in every system: {'yes' if not differ else 'no'} "
          f"({len(correct)} worked solutions, {shown} each{'' if not differ else '; differ: ' + '; '.join(differ)})")
    wrong = [s for s in students if s.endswith("-wrong")]
    if wrong:
        caught = ", ".join(f"{m.system.label} {sum(1 for s in wrong if below_full(m.scores.get(s)))}/{len(wrong)}"
                           for m in measurements)
        print(f"wrong answers (mutants) scored below full marks: {caught}")


def runs(n: int) -> str:
    return f"{n} run{'s' if n != 1 else ''}"


def fmt_score(score: tuple[float, float] | None) -> str:
    return "not graded" if score is None else f"{score[0]:g}/{score[1]:g}"


def below_full(score: tuple[float, float] | None) -> bool:
    return score is not None and score[0] < score[1]


def grade_class(title: str, assignment: str, kinds: list[str], systems: list[System], args, env: dict) -> list[Measurement]:
    """Measure every system on one class and print its table; stock nbgrader first, the anchor."""
    mutants = len(corpus.variants(REPO, assignment, "mutants"))
    print(f"\n## {title}: {len(kinds)} submissions of {assignment} "
          f"({', '.join(f'{kinds.count(k)} {k}' for k in dict.fromkeys(kinds))}; wrong: mutants spread over the "
          f"{mutants} of tests/corpus); medians of {runs(args.repeat)} (stock nbgrader: "
          f"{runs(args.stock_repeat or args.repeat)}); {load()}", flush=True)
    # The systems take turns, one run each per round: the machine's speed drifts over minutes (a shared machine),
    # and a drift then weighs on every system alike instead of on whichever ran during it.
    repeats = [(args.stock_repeat or args.repeat) if s.stock else args.repeat for s in systems]
    done: list[list[Run]] = [[] for _ in systems]
    for round_ in range(max(repeats)):
        for system, repeat, runs_ in zip(systems, repeats, done):
            if round_ < repeat:
                runs_.append(run_once(system, assignment, kinds, env))
    measurements = [summarize(system, len(kinds), runs_) for system, runs_ in zip(systems, done)]
    class_table(measurements)
    score_summary(measurements, kinds)
    return measurements


# ---------------------------------------------------------------- one submission of every assignment

def assignments_with_checks() -> list[str]:
    return [s.name for s in sorted((REPO / "source").iterdir())
            if (REPO / "solutions" / s.name / notebook_name(s.name)).is_file() and (REPO / "autograder" / "checks" / s.name).is_dir()]


def per_assignment(assignment: str, repeat: int, env: dict) -> tuple[float, float | None, float | None]:
    """Seconds to grade a fully answered submission (the worked solution), warm, one worker: the median over
    ``max(repeat, 2)`` gradings after a first one that starts the fork server; of those, the seconds the student's
    code ran (its cells, and the calls the checks made into it, as the worker reports them); and the workers' peak
    RSS."""
    solution = REPO / "solutions" / assignment / notebook_name(assignment)
    cmd = [sys.executable, "-m", "autograder", "grade", assignment, "--json", "--workers", "1",
           *[str(solution)] * (max(repeat, 2) + 1)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=env)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(results) < 2:
        raise SystemExit(f"bench: grading the worked solution of {assignment} failed:\n{done.stderr[-2000:]}")
    seconds = [r["extra_data"]["seconds"] for r in results]
    memory = [s["worker_peak_rss_mb"] for s in seconds if s.get("worker_peak_rss_mb")]
    student = [s["notebook"] + s["student_calls"] for s in seconds[1:] if "student_calls" in s]
    return (statistics.median(r["execution_time"] for r in results[1:]),
            statistics.median(student) if student else None, max(memory) if memory else None)


def per_assignment_table(assignments: list[str], repeat: int, env: dict) -> list[tuple[str, float]]:
    """The targets' table of a fully answered submission per assignment; returns where and what the workers'
    peak RSS was.  Beside each figure: how much of it the student's own code took (the floor no check can go
    below: the tutorial's training runs, its models' forward passes) and the rest, the grading's own time."""
    print(f"\n## A fully answered submission (the worked solution), this engine, 1 worker, warm; "
          f"medians of {max(repeat, 2)}; {load()}", flush=True)
    rows, memory = [], []
    for a in assignments:
        seconds, student, worker = per_assignment(a, repeat, env)
        target = SECONDS_TARGETS.get(a, SECONDS_TARGET)
        rows.append([a, f"{seconds:.2f}", f"{student:.2f}" if student is not None else "-",
                     f"{seconds - student:.2f}" if student is not None else "-", f"<= {target:g}",
                     met(seconds, target), f"{worker:.0f}" if worker else "-"])
        if worker:
            memory.append((f"worked solution of {a}", worker))
    print_table(["assignment", "s/submission", "student's code s", "the rest s", "target s", "met", "worker MB"], rows)
    return memory


def fixed_cost(assignment: str, repeat: int, workers: int, env: dict) -> float:
    """Seconds of a grading run with one unanswered submission: start-up (the CLI, workers importing torch,
    fork servers) and the run's bookkeeping, paid once per run whatever the class size."""
    walls = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
            root = Path(tmp) / "course"
            build_course(root, assignment, ["blank"], False)
            walls.append(timed(System("", False, workers).command(assignment), root, env)[0])
    return statistics.median(walls)


# ---------------------------------------------------------------- targets

def ratio_target(answered: dict[str, list[Measurement]]) -> None:
    assignment, size, workers = RATIO_TARGET_CLASS
    measurements = answered.get(assignment)
    for warm in (False, True):
        engine = [m for m in measurements or [] if not m.system.stock and m.system.workers == workers
                  and not m.system.env and m.system.warm == warm]
        if not engine:
            continue
        ratio = engine[0].per_minute / measurements[0].per_minute
        caveat = "" if engine[0].size == size else f" (measured on {engine[0].size} submissions, not the target's {size})"
        how = "through the warm grading service's pool" if warm else "one `autograder grade` run, start-up included"
        print(f"throughput, all-answered class of {assignment}, {workers} workers, {how}: {ratio:.1f}x stock nbgrader, "
              f"target >= {RATIO_TARGET:g}x: {met(ratio, RATIO_TARGET, at_most=False)}{caveat}")


def memory_target(memory: list[tuple[str, float]]) -> None:
    if not memory:
        return
    where, peak = max(memory, key=lambda m: m[1])
    print(f"peak worker memory of this engine (largest over every grading above): {peak:.0f} MB ({where}), "
          f"target < {MEMORY_TARGET_MB} MB: {'met' if peak < MEMORY_TARGET_MB else 'not met'}")


# ---------------------------------------------------------------- main

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=None,
                        help="submissions in every class (default: 42 mixed, 40 all-answered, 20 for 06_optimizer_loop)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per system; medians are reported (default 3)")
    parser.add_argument("--stock-repeat", type=int, default=None, help="runs of stock nbgrader (default: --repeat)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="this engine's worker counts (default 1 2)")
    parser.add_argument("--only", nargs="+", metavar="ASSIGNMENT", default=None,
                        help="these assignments only: an all-answered class of each, the mixed class if "
                             f"{MIXED_ASSIGNMENT} is one, and their row of the per-assignment table")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="what to measure (default: all)")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    known = assignments_with_checks()
    unknown = [a for a in args.only or [] if a not in known]
    if unknown:
        raise SystemExit(f"bench: no such assignment with checks: {', '.join(unknown)} (known: {', '.join(known)})")
    chosen = args.only or known
    print(machine())
    stock = System("stock nbgrader autograde", True)
    engines = [System(f"this engine, {w} worker{'s' if w > 1 else ''}", False, w) for w in args.workers]
    warm = [System(f"this engine, {w} worker{'s' if w > 1 else ''}, warm service", False, w, warm=True)
            for w in args.workers if w > 1]
    memory: list[tuple[str, float]] = []

    if "mixed" in args.parts and MIXED_ASSIGNMENT in chosen:
        kinds = class_kinds(args.size or DEFAULT_SIZES["mixed"], MIXED)
        most = max(args.workers)
        no_sandbox = System(f"this engine, {most} worker{'s' if most > 1 else ''}, no bubblewrap", False, most,
                            {"AUTOGRADER_SANDBOX": "none"})
        for m in grade_class("Mixed class", MIXED_ASSIGNMENT, kinds, [stock, *engines, no_sandbox], args, env):
            if m.worker_mb and not m.system.stock:
                memory.append((f"mixed class of {MIXED_ASSIGNMENT}, {m.system.label}", m.worker_mb))

    answered: dict[str, list[Measurement]] = {}
    if "answered" in args.parts:
        for a in [a for a in chosen if a in CLASS_ASSIGNMENTS] if args.only is None else chosen:
            kinds = class_kinds(args.size or DEFAULT_SIZES.get(a, DEFAULT_SIZE), ANSWERED)
            answered[a] = grade_class("All-answered class", a, kinds, [stock, *engines, *warm], args, env)
            memory += [(f"all-answered class of {a}, {m.system.label}", m.worker_mb)
                       for m in answered[a] if m.worker_mb and not m.system.stock]

    if "fixed" in args.parts:
        a, most = chosen[0], max(args.workers)
        fixed = fixed_cost(a, args.repeat, most, env)
        size = args.size or DEFAULT_SIZES.get(a, DEFAULT_SIZE)
        print(f"\nfixed cost of one grading run of {a} ({most} workers, one unanswered submission): {fixed:.2f} s, "
              f"{fixed / size:.3f} s per submission of a class of {size}")

    if "per-assignment" in args.parts:
        memory += per_assignment_table(chosen, args.repeat, env)

    print("\n## Targets (issue 17)")
    ratio_target(answered)
    memory_target(memory)
    print(f"benchmark took {(time.monotonic() - started) / 60:.1f} min; {load()}")


if __name__ == "__main__":
    main()
