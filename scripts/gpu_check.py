"""Grade every solution, stub, mutant and alternative with the CUDA checks on, and print one table.

The seconds column is the time from the start until the assignment's last grading came back.

    scripts/gpu-check.sh            # sets up a venv from wheels, then runs this
    python scripts/gpu_check.py [ASSIGNMENT ...] [--device cuda|auto|cpu]

Exit status 0 only when, on every assignment, the solution earns full marks, the stub fails every
check, every mutant is caught on the part it targets (and only there) and every alternative earns
full marks; the same rules as ``autograder verify``, here with the checks also running on CUDA.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder.course import Course  # noqa: E402
from autograder.devices import grading_devices  # noqa: E402
from autograder.pool import grade_many  # noqa: E402
from autograder.verify import Report, grading_tasks, judge  # noqa: E402


def check_all(course: Course, assignments: list[str], devices: tuple[str, ...], workers: int) -> list[dict]:
    """Grade every assignment's variants through one pool; print each assignment's row once it is complete."""
    planned = [(a, *t) for a in assignments for t in grading_tasks(course, a, devices)]
    rows = {a: {"assignment": a, "solution": "-", "stub": "-", "mutants": [0, 0], "alternatives": [0, 0],
                "cuda_checks": 0, "report": Report(), "left": 0} for a in assignments}
    for assignment, *_ in planned:
        rows[assignment]["left"] += 1
    started = time.monotonic()
    for index, result in grade_many([task for *_, task in planned], workers):
        assignment, kind, variant, _ = planned[index]
        row = rows[assignment]
        before = len(row["report"].failures)
        judge(kind, variant, result, assignment, row["report"])
        ok = len(row["report"].failures) == before
        if kind in ("solution", "stub"):
            row[kind] = f"{float(result.score):g}/{float(result.max_score):g}"
            if kind == "solution":
                row["cuda_checks"] = sum(c.check.endswith("[cuda]") for p in result.parts for c in p.checks)
        else:
            row[kind][0] += ok
            row[kind][1] += 1
        row["left"] -= 1
        if not row["left"]:
            row["seconds"] = time.monotonic() - started
            print(f"done: {format_row(row)}", flush=True)
            for problem in row["report"].failures:  # now, not only at the end: a run cut short still says why
                print(f"  - {problem}", flush=True)
    return [rows[a] for a in assignments]


HEADER = (f"{'assignment':26} {'solution':>9} {'stub':>7} {'mutants caught':>15} {'alternatives full':>18} "
          f"{'cuda checks':>11} {'seconds':>8}")


def format_row(r: dict) -> str:
    return (f"{r['assignment']:26} {r['solution']:>9} {r['stub']:>7} {'%d/%d' % tuple(r['mutants']):>15} "
            f"{'%d/%d' % tuple(r['alternatives']):>18} {r['cuda_checks']:>11} {r['seconds']:8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--device", default="cuda", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores); they share the GPU")
    args = parser.parse_args()
    course = Course(REPO)
    try:
        devices = grading_devices(args.device)
    except Exception as exc:
        print(f"gpu-check: {exc}", file=sys.stderr)
        return 2
    import torch

    gpu = torch.cuda.get_device_name(0) if "cuda" in devices else "none"
    print(f"devices: {', '.join(devices)}; GPU: {gpu}; torch {torch.__version__}; Python {sys.version.split()[0]}")
    rows = check_all(course, args.assignments or course.assignments(), devices, args.workers)
    print(f"\n{HEADER}\n" + "\n".join(format_row(r) for r in rows))
    problems = [f for r in rows for f in r["report"].failures]
    print("gpu-check: " + (f"{len(problems)} problem(s)" if problems else "all passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
