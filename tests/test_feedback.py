"""Feedback that teaches: tutorial sections, report.html, the feedback notebook, and no hidden check in any of it.
(Reproducers are tested in test_reproducer.py, the two languages in test_i18n.py.)"""
import html
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import corpus
from autograder import notebook as nb
from autograder.feedback import report_path, student_page
from autograder.sections import sections
from autograder.stored import read_results
from autograder.course import Course

from helpers import CLASS_ASSIGNMENT, REPO

CHECKS = REPO / "autograder" / "checks"


# -- grading: stderr is free ----------------------------------------------------------

NOISY = """import sys, warnings
warnings.warn("this cell is noisy")
print("a line on stderr", file=sys.stderr)
def {name}(x):
    warnings.warn("deprecated!", DeprecationWarning)
    print("debug output", file=sys.stderr)
    sys.stderr.flush()
    return {body}"""


def test_warnings_on_stderr_cost_no_points(toy_grader, toy_source):
    noisy = corpus.apply(toy_source, {"double": NOISY.format(name="double", body="x * 2"),
                                      "first_row": NOISY.format(name="first_row", body="x[0]")})
    result = toy_grader.grade_notebook(noisy, Path("noisy.ipynb"))
    assert result.score == result.max_score == 3 and result.output == ""


# -- tutorial sections --------------------------------------------------------------

@pytest.mark.parametrize("assignment", sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir()))
def test_every_graded_part_names_its_tutorial_section(assignment):
    source = nb.read_source(next((REPO / "source" / assignment).glob("*.ipynb")))
    titles = sections(assignment)
    assert set(titles) == {part.grade_id for part in nb.parts(source)}
    assert all(title[0].isdigit() for title in titles.values())  # "2.3 索引操作": the tutorial's numbering


def test_the_readme_coverage_table_is_current():
    """README.md's table of tutorial sections is what `python -m autograder.sections --readme` writes."""
    from autograder.sections import with_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir())
    assert with_table(readme, names) == readme, "run: python -m autograder.sections --readme"


def test_the_readme_assignment_table_counts_each_assignments_graded_parts():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Assignments", 1)[1].split("\n\n", 2)[1]
    counts = {row.split("|")[1].strip(" `"): int(row.split("|")[3]) for row in table.splitlines()[2:]}
    sources = {p.name: nb.read_source(p / f"{p.name}.ipynb") for p in (REPO / "source").iterdir() if p.is_dir()}
    assert counts == {name: len(nb.parts(source)) for name, source in sources.items()}


def test_every_tutorial_section_is_graded_or_says_why_not():
    from autograder.sections import coverage

    names = sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir())
    missing = [s["match"] for s, graded in coverage(names) if not graded and not s.get("uncovered")]
    assert not missing, f"tutorial sections no part grades (give one, or `uncovered` in tutorial.toml): {missing}"


# -- a graded class: report.html, the feedback notebook, and no hidden check source -----

@pytest.fixture(scope="module")
def feedback(graded_class):
    done = subprocess.run([sys.executable, "-m", "autograder", "feedback", CLASS_ASSIGNMENT], cwd=graded_class,
                          capture_output=True, text=True, env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return graded_class


@pytest.mark.slow
@pytest.mark.integration  # a copy of the graded class and `autograder feedback`
def test_feedback_uses_the_gradebook_named_with_db(graded_class, tmp_path):
    import shutil

    course = tmp_path / "course"
    shutil.copytree(graded_class, course)
    (course / "gradebook.db").rename(course / "elsewhere.db")
    shutil.rmtree(course / "feedback", ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "autograder", "--db", f"sqlite:///{course / 'elsewhere.db'}", "feedback",
                           CLASS_ASSIGNMENT], cwd=course, capture_output=True, text=True,
                          env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    assert not (course / "gradebook.db").exists()  # nbgrader did not make an empty one beside it
    assert (course / "feedback" / "d-views" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.html").is_file()


@pytest.mark.slow
@pytest.mark.integration  # the graded class (~30 s, shared) and `autograder feedback`
def test_feedback_writes_a_report_beside_nbgrader_feedback_for_every_graded_student(feedback):
    course = Course(feedback)
    for student in ("a-solution", "b-stub", "c-broken", "d-views", "e-masks"):
        folder = report_path(course, CLASS_ASSIGNMENT, student).parent
        # nbgrader copies the other files of autograded/ too: results.json reaches students as well
        assert sorted(p.name for p in folder.iterdir()) == [f"{CLASS_ASSIGNMENT}.html", "report.html", "results.json"]


@pytest.mark.slow
@pytest.mark.integration
def test_the_report_shows_scores_sections_messages_and_how_to_reproduce(feedback):
    page = (feedback / "feedback" / "d-views" / CLASS_ASSIGNMENT / "report.html").read_text()
    assert "Score: <b>" in page and "/ 12</b>" in page
    assert "2.3 索引操作" in page and "2.2 修改Tensor形状" in page
    assert "returned a copy; x[:, j] is a view" in page
    assert page.count("How to reproduce") >= 2 and "column(x, " in page and "strict_view(x, " in page
    solution = (feedback / "feedback" / "a-solution" / CLASS_ASSIGNMENT / "report.html").read_text()
    assert "Score: <b>12 / 12</b>" in solution and "How to reproduce" not in solution
    broken = (feedback / "feedback" / "c-broken" / CLASS_ASSIGNMENT / "report.html").read_text()
    assert "is not valid notebook JSON" in broken


@pytest.mark.slow
@pytest.mark.integration
def test_the_feedback_notebook_carries_the_same_information(feedback):
    graded = nbformat.read(str(feedback / "autograded" / "d-views" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.ipynb"), 4)
    reports = "".join(o.get("text", "") for c in graded.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "test_column: " in reports and "(tutorial section: 2.3 索引操作)" in reports
    assert "How to reproduce:" in reports and "column(x, " in reports
    html = (feedback / "feedback" / "d-views" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.html").read_text()
    assert "tutorial section: 2.3" in html and "How to reproduce:" in html


@pytest.mark.slow
@pytest.mark.integration
def test_the_report_in_chinese_and_in_english(feedback, language):
    result = read_results(Course(feedback), CLASS_ASSIGNMENT, "d-views")
    language("zh")
    chinese = student_page(result, "d-views", CLASS_ASSIGNMENT)
    assert all(text in chinese for text in ("反馈", "教程章节", "如何复现", "未通过", "得分", 'lang="zh"'))
    language("en")
    english = student_page(result, "d-views", CLASS_ASSIGNMENT)
    assert all(text in english for text in ("Feedback", "Tutorial section", "How to reproduce", "failed", 'lang="en"'))
    assert "如何复现" not in english


def hidden_check_lines() -> set[str]:
    """Every line of the hidden checks long enough to be recognisable (short ones, like ``import torch``, are
    everywhere), except the few that the released notebook itself shows students (``x = torch.arange(12).view(3, 4)``)."""
    released = "\n".join(c.source for c in nb.read_source(REPO / "assignments" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.ipynb").cells)
    lines = {line.strip() for path in (CHECKS / CLASS_ASSIGNMENT).glob("*.py") for line in path.read_text().splitlines()}
    return {line for line in lines if len(line) > 20 and line not in released}


@pytest.mark.slow
@pytest.mark.integration
def test_no_feedback_file_contains_hidden_check_source(feedback):
    files = [*feedback.glob(f"feedback/*/{CLASS_ASSIGNMENT}/*"), *feedback.glob(f"autograded/*/{CLASS_ASSIGNMENT}/*")]
    assert len([f for f in files if f.name == "results.json"]) == 10 and len([f for f in files if f.name == "report.html"]) == 5
    texts = {f: f.read_text() for f in files if f.is_file()}
    for f in (f for f in files if f.name == "results.json"):  # the Gradescope form, as JSON escapes it and as shown
        texts[f] += "\n".join(t["output"] for t in json.loads(texts[f])["tests"])
    lines = hidden_check_lines()
    assert len(lines) > 100
    forms = {line: {line, html.escape(line), html.escape(line, quote=False), json.dumps(line)[1:-1]} for line in lines}
    leaks = {(f.name, line) for f, text in texts.items() for line in lines if any(form in text for form in forms[line])}
    assert not leaks
    assert any("How to reproduce" in text for text in texts.values())  # there was feedback to leak into


