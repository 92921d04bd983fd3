"""Screenshots for the course's docs and issue notes, made with the course's own tools (no network).

    python scripts/screenshots.py [--out build/screenshots/course]

- ``plot-<assignment>-<part>.png``: a worked solution's plot part run in a kernel (its markdown, the answer and
  the visible test that draws the figure), exported by nbconvert and photographed in headless Chromium: what a
  student sees in the notebook once the part is answered.
- ``feedback-08_capstone-<mutant>.png``: a scratch course where one student handed in 08's worked solution with a
  corpus mutant applied, graded by ``autograder grade`` and given its page by ``autograder feedback``.

Needs Debian's chromium (as tests/test_browser.py). Takes about a minute; writes nothing outside ``--out`` and a
temporary folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from autograder.notebook import nbgrader_meta  # noqa: E402  (after the path)
CHROMIUM = "/usr/bin/chromium"
PLOTS = [("06_optimizer_loop", "plot_losses"), ("07_data_loading", "show_samples"), ("08_capstone", "plot_losses")]
FEEDBACK = ("08_capstone", "checkpoint_saves_every_epoch")


def grade_id(cell) -> str:
    return nbgrader_meta(cell).get("grade_id", "")


def part_notebook(assignment: str, part: str) -> nbformat.NotebookNode:
    """The solution's setup cells, the part's markdown, answer and visible test (no demo cells), then ``fig``."""
    solution = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", 4)
    cells = [c for c in solution.cells if c.cell_type == "code" and grade_id(c) == "setup"]
    cells += [c for c in solution.cells if grade_id(c) in (f"md_{part}", part, f"test_{part}")]
    if len(cells) < 3:
        raise SystemExit(f"{assignment} has no part {part}")
    # the visible test closes its figure; show the one it checked, as a student's `fig` cell would
    cells.append(nbformat.v4.new_code_cell("fig  # the figure the visible test checked"))
    solution.cells = cells
    return solution


def shoot(page, html: Path, png: Path) -> None:
    page.goto(html.as_uri())
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(png), full_page=True)
    print(png.relative_to(REPO) if png.is_relative_to(REPO) else png)


def plots(page, out: Path, scratch: Path) -> None:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    for assignment, part in PLOTS:
        folder = scratch / f"plot-{assignment}"
        shutil.copytree(REPO / "solutions" / assignment, folder)
        notebook = part_notebook(assignment, part)
        ExecutePreprocessor(timeout=300, kernel_name="python3").preprocess(notebook, {"metadata": {"path": str(folder)}})
        html = folder / "part.html"
        html.write_text(HTMLExporter(template_name="lab").from_notebook_node(notebook)[0], encoding="utf-8")
        shoot(page, html, out / f"plot-{assignment}-{part}.png")


def feedback(page, out: Path, scratch: Path) -> None:
    from autograder import corpus
    from autograder.course import run_nbgrader

    assignment, mutant = FEEDBACK
    course = scratch / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
    run_nbgrader(course, "generate_assignment", assignment, "--force")
    solution = nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb", 4)
    cells = next(m.cells for m in corpus.variants(REPO, assignment, "mutants") if m.name == mutant)
    folder = course / "submitted" / "wang-fang" / assignment
    folder.mkdir(parents=True)
    nbformat.write(corpus.apply(solution, cells), folder / f"{assignment}.ipynb")
    env = {**os.environ, "AUTOGRADER_LANG": "zh"}
    for command in (["grade", assignment], ["feedback", assignment]):
        subprocess.run([sys.executable, "-m", "autograder", *command], cwd=course, env=env, check=True)
    report = next((course / "feedback").rglob("report.html"))
    shoot(page, report, out / f"feedback-{assignment}-{mutant}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "screenshots" / "course")
    args = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"{CHROMIUM} not found: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            plots(page, args.out, Path(tmp))
            feedback(page, args.out, Path(tmp))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
