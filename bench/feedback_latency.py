"""From a student's submit to feedback they can fetch: the grading service (``autograder watch``), warm.

    .venv/bin/python bench/feedback_latency.py                 # or: make bench-feedback
    .venv/bin/python bench/feedback_latency.py --workers 2 --students 10

A scratch course of 01_view_reshape with its own nbgrader exchange; ``autograder watch`` runs on it as a
subprocess (no attempt limit, so every submission is graded) and is warmed by one submission first.  Then a
burst: ``--students`` students submit at once (half the worked solution, half a known-wrong answer), and each
submits a second time as soon as their first feedback is in the exchange, as a student who read it would:
2 x students submissions in all.  Latency is from the moment a student's ``submit`` starts to the moment
nbgrader's fetch_feedback would find the graded page (its file in the exchange's feedback folder).
Printed: median and worst latency per number of service workers, and the service's memory (the peak
resident memory of the service process, and the peak of the resident memory summed over it and every
process it started: an upper bound, since forked workers share pages).

The anchor, measured in the same run: what a stock nbgrader course does to give feedback on one submission,
nbgrader's own ``collect``, ``autograde`` (its Execute step, tests in the student's kernel),
``generate_feedback`` and ``release_feedback``, run one after another by hand for that student.
"""
from __future__ import annotations

import argparse
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
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from autograder import corpus  # noqa: E402
from autograder.course import run_nbgrader  # noqa: E402
from grading import STOCK_NBGRADER  # noqa: E402
from helpers import ExchangeStudent  # noqa: E402

ASSIGNMENT = "01_view_reshape"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
POLICY = """
c.FeedbackPolicy.attempt_interval_minutes = 0
c.FeedbackPolicy.reproducers = "visible"
"""


def course_with_exchange(root: Path, extra_config: str) -> Path:
    """A course at ``root`` with 01 generated and released to an exchange of its own at ``root``/exchange."""
    course = root / "course"
    course.mkdir(parents=True)
    exchange = root / "exchange"
    exchange.mkdir(mode=0o777)
    config = (REPO / "nbgrader_config.py").read_text() + f"\nc.Exchange.root = {str(exchange)!r}\n" + extra_config
    (course / "nbgrader_config.py").write_text(config)
    shutil.copytree(REPO / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    run_nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    run_nbgrader(course, "release_assignment", ASSIGNMENT, "--force")
    return course


def answers() -> list[nbformat.NotebookNode]:
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    mutants = corpus.variants(REPO, ASSIGNMENT, "mutants")
    return [solution] + [corpus.apply(solution, m.cells) for m in mutants]


def feedback_file(student: ExchangeStudent, exchange: Path, stamp: str) -> Path:
    """Where nbgrader's release_feedback puts the page of the submission made at ``stamp``."""
    from nbgrader.utils import notebook_hash

    cache = next(p for p in (student.home / "nbgrader_cache").glob(f"*/{student.name}+{ASSIGNMENT}+*")
                 if (p / "timestamp.txt").read_text() == stamp)
    secret = (cache / "submission_secret.txt").read_text()
    return exchange / "torch-fundamentals" / "feedback" / f"{notebook_hash(secret=secret, notebook_id=ASSIGNMENT)}.html"


def graded(page: Path) -> bool:
    return page.is_file() and "This submission is held" not in page.read_text(encoding="utf-8")


def tree_rss_kb(root: int) -> tuple[int, int]:
    """(resident kB of ``root``, resident kB summed over ``root`` and all its descendants)."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                status = Path(entry.path, "status").read_text()
            except OSError:
                continue
            rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
            table[int(entry.name)] = (int(stat[stat.rindex(")") + 2:].split()[1]), rss)
    found, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in table.items() if ppid in frontier} - found
        found |= frontier
    return table.get(root, (0, 0))[1], sum(table[pid][1] for pid in found if pid in table)


def run_service(workers: int, students: int, scratch: Path) -> dict:
    course = course_with_exchange(scratch / f"service-{workers}", POLICY)
    exchange = course.parent / "exchange"
    log = open(course / "watch.log", "w")
    service = subprocess.Popen([sys.executable, "-m", "autograder", "watch", "--interval", "0.5", "--workers", str(workers)],
                               cwd=course, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    notebooks = answers()
    peak = [0, 0]

    def wait_for(pages: dict, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while any(not graded(p) for p in pages) and time.monotonic() < deadline:
            own, total = tree_rss_kb(service.pid)
            peak[0], peak[1] = max(peak[0], own), max(peak[1], total)
            if service.poll() is not None:
                raise SystemExit(f"the service exited ({service.returncode}); see {course / 'watch.log'}")
            time.sleep(0.05)

    try:
        warm = ExchangeStudent("warm-up", scratch / f"students-{workers}" / "warm-up", exchange)
        warm.fetch(ASSIGNMENT)
        wait_for({feedback_file(warm, exchange, warm.submit(ASSIGNMENT, notebooks[0])): 0}, timeout=600)
        learners = [ExchangeStudent(f"s{i:02d}", scratch / f"students-{workers}" / f"s{i:02d}", exchange)
                    for i in range(students)]
        for learner in learners:
            learner.fetch(ASSIGNMENT)
        latencies: list[float] = []
        pending: dict[Path, tuple[ExchangeStudent, float, int]] = {}
        for i, learner in enumerate(learners):  # the burst: everyone at once
            started = time.time()
            pending[feedback_file(learner, exchange, learner.submit(ASSIGNMENT, notebooks[i % 2]))] = (learner, started, 1)
        deadline = time.monotonic() + 600
        while pending and time.monotonic() < deadline:
            own, total = tree_rss_kb(service.pid)
            peak[0], peak[1] = max(peak[0], own), max(peak[1], total)
            for page, (learner, started, attempt) in list(pending.items()):
                if graded(page):
                    latencies.append(page.stat().st_mtime - started)
                    del pending[page]
                    if attempt == 1:  # read it, fixed or broke something, submitted again
                        again = time.time()
                        choice = notebooks[(int(learner.name[1:]) + 1) % len(notebooks)]
                        pending[feedback_file(learner, exchange, learner.submit(ASSIGNMENT, choice))] = (learner, again, 2)
            time.sleep(0.05)
        if pending:
            raise SystemExit(f"{len(pending)} submission(s) got no feedback within 10 minutes; see {course / 'watch.log'}")
    finally:
        service.terminate()
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
        log.close()
    return {"workers": workers, "n": len(latencies), "median": statistics.median(latencies), "worst": max(latencies),
            "service_mb": peak[0] / 1024, "tree_mb": peak[1] / 1024}


def run_stock_anchor(scratch: Path, repeat: int) -> float:
    """Median seconds for stock nbgrader's collect, autograde, generate_feedback, release_feedback of one submission."""
    course = course_with_exchange(scratch / "stock", STOCK_NBGRADER)
    exchange = course.parent / "exchange"
    solution = answers()[0]
    times = []
    for i in range(repeat):
        learner = ExchangeStudent(f"t{i}", scratch / "stock-students" / f"t{i}", exchange)
        learner.fetch(ASSIGNMENT)
        started = time.time()
        stamp = learner.submit(ASSIGNMENT, solution)
        for step in (["collect", "--update"], ["autograde", "--force"], ["generate_feedback", "--force"],
                     ["release_feedback"]):
            run_nbgrader(course, step[0], ASSIGNMENT, *([f"--student={learner.name}"] if step[0] != "collect" else []),
                         *step[1:])
        page = feedback_file(learner, exchange, stamp)
        assert page.is_file(), page
        times.append(page.stat().st_mtime - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10, help="students in the burst; each submits twice (default 10)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="service workers to measure (default: 1 2)")
    parser.add_argument("--stock-repeat", type=int, default=3, help="submissions for the stock nbgrader anchor (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="feedback-latency-") as scratch:
        os.chmod(scratch, 0o755)
        anchor = run_stock_anchor(Path(scratch), args.stock_repeat)
        rows = [run_service(w, args.students, Path(scratch)) for w in args.workers]
    print(f"\nsubmit -> feedback in the exchange, 01_view_reshape, {os.cpu_count()} cores, "
          f"{2 * args.students} submissions from {args.students} students (a burst, then each resubmits on reading)\n")
    print("| system | submissions | median s | worst s | service MB | service tree MB | median vs anchor |")
    print("|---|---|---|---|---|---|---|")
    print(f"| stock nbgrader by hand: collect, autograde, generate_feedback, release_feedback (one submission) "
          f"| {args.stock_repeat} | {anchor:.2f} | - | - | - | 1.00x |")
    for row in rows:
        print(f"| autograder watch, {row['workers']} worker(s), warm | {row['n']} | {row['median']:.2f} | "
              f"{row['worst']:.2f} | {row['service_mb']:.0f} | {row['tree_mb']:.0f} | {row['median'] / anchor:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
