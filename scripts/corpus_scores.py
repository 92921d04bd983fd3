"""Grade every notebook ``autograder verify`` grades and write each check's outcome, to compare two versions.

    python scripts/corpus_scores.py OUT.json [ASSIGNMENT ...]      # grade, write {label: {check: [passed, points, message]}}
    python scripts/corpus_scores.py --compare OLD.json NEW.json    # every label and check whose outcome differs

Before a refactor of the engine, run it at the old commit (``PYTHONPATH=<old checkout>``), then at the new
one: the comparison must print nothing for points and pass/fail (messages may be reworded on purpose).
It uses only ``verify.grading_tasks`` and ``pool.grade_many``, so it runs against older checkouts too.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def grade(out: Path, assignments: list[str]) -> None:
    os.environ.setdefault("AUTOGRADER_LANG", "en")
    from autograder.course import Course
    from autograder.pool import grade_many
    from autograder.verify import grading_tasks

    course = Course(Path.cwd())
    scores: dict[str, dict[str, list]] = {}
    for assignment in assignments or course.assignments():
        planned = grading_tasks(course, assignment)
        for index, result in grade_many([task for _, _, task in planned], workers=2):
            kind, variant, task = planned[index]
            label = f"{assignment}/{kind}/{getattr(variant, 'name', variant) or task.label}"
            scores[label] = {f"{c.part}::{c.check}": [c.passed, str(c.max_score), c.message]
                             for part in result.parts for c in part.checks}
        print(f"{assignment}: {len(planned)} notebooks graded", file=sys.stderr)
    out.write_text(json.dumps(scores, indent=1, sort_keys=True, ensure_ascii=False))


def compare(old: Path, new: Path) -> int:
    before, after = json.loads(old.read_text()), json.loads(new.read_text())
    differences = 0
    for label in sorted(set(before) | set(after)):
        if label not in before or label not in after:
            print(f"{label}: only in {'new' if label not in before else 'old'}")
            differences += 1
            continue
        for check in sorted(set(before[label]) | set(after[label])):
            was, now = before[label].get(check), after[label].get(check)
            if was is None or now is None or was[:2] != now[:2]:
                print(f"{label} {check}: {was} -> {now}")
                differences += 1
            elif was[2] != now[2]:
                print(f"{label} {check}: message {was[2]!r} -> {now[2]!r}")
    print(f"{len(after)} notebooks, {sum(map(len, after.values()))} checks; {differences} differ in points or pass/fail")
    return 1 if differences else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    grade(Path(sys.argv[1]), sys.argv[2:])
