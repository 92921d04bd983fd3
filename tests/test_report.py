"""``autograder report``: the class at a glance, a grades.csv with nbgrader export's rows, and what graders
changed in nbgrader's gradebook (formgrader's overrides and comments, nbgrader's late penalty)."""
import csv
import html
import os
import shutil
import statistics
import subprocess
import sys

import pytest

from autograder.course import run_nbgrader

from helpers import CLASS_ASSIGNMENT, CLASS_NOTEBOOK, gradebook_rows


def autograder(root, *args, **env):
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "AUTOGRADER_LANG": "en", **env})


@pytest.fixture(scope="module")
def report(graded_class):
    done = autograder(graded_class, "report", CLASS_ASSIGNMENT)
    assert done.returncode == 0, done.stderr
    folder = graded_class / "reports" / CLASS_ASSIGNMENT
    assert f"class report: {folder / 'index.html'}" in done.stdout
    return folder


@pytest.mark.slow
@pytest.mark.integration  # the graded class (~30 s, shared) and `autograder report`
def test_the_page_and_its_plots_exist(report):
    assert sorted(p.name for p in report.iterdir()) == ["grades.csv", "index.html", "overrides.csv", "parts.png", "scores.png"]
    for plot in ("scores.png", "parts.png"):
        data = (report / plot).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000
    page = (report / "index.html").read_text()
    assert '<img src="scores.png"' in page and '<img src="parts.png"' in page


@pytest.mark.slow
@pytest.mark.integration
def test_the_page_shows_counts_pass_rates_common_failures_and_who_could_not_be_graded(report):
    page = (report / "index.html").read_text()
    assert "Class report: 01_view_reshape" in page
    counts = page.split("<tbody><tr>", 1)[1].split("</tr>", 1)[0]
    assert [cell.split(">")[-1] for cell in counts.split("</td>")[:-1]] == ["5", "4", "1", "0", "0"]
    # per part: of the 4 gradable students, the solution and the one whose mistakes lie elsewhere have full marks
    assert '<td><code>test_column</code></td><td>2.3 索引操作</td>\n<td class="num">2</td><td class="num">2 (50%)</td>' in page
    assert '<td class="num">3 (75%)</td>' in page  # make_grid: only the stub misses it
    # the most common failing checks, with counts and their message
    failing = page.split("Most common failing checks", 1)[1].split("Submissions that could not be graded", 1)[0]
    assert "<code>test_column::result_is_a_view_of_that_column</code></td><td class=\"num\">2</td>" in failing
    assert "not answered: the answer cell" in failing
    could_not = page.split("Submissions that could not be graded", 1)[1]
    assert "<td>c-broken</td><td>01_view_reshape.ipynb is not valid notebook JSON" in could_not


@pytest.mark.slow
@pytest.mark.integration
def test_grades_csv_has_the_rows_nbgrader_export_writes(report, graded_class, tmp_path):
    exported = tmp_path / "nbgrader.csv"
    run_nbgrader(graded_class, "export", "--to", str(exported), f"--assignment=[{CLASS_ASSIGNMENT!r}]")
    ours = list(csv.DictReader((report / "grades.csv").open()))
    theirs = list(csv.DictReader(exported.open()))
    assert ours == theirs and len(ours) == 5
    assert {row["student_id"]: float(row["score"]) for row in ours}["a-solution"] == 12.0
    everything = tmp_path / "all.csv"
    run_nbgrader(graded_class, "export", "--to", str(everything))
    assert [row for row in csv.DictReader(everything.open()) if row["assignment"] == CLASS_ASSIGNMENT] == ours


@pytest.mark.slow
@pytest.mark.integration
def test_the_page_speaks_chinese(graded_class, tmp_path):
    done = autograder(graded_class, "report", CLASS_ASSIGNMENT, "--out", str(tmp_path / "zh"), AUTOGRADER_LANG="zh")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "zh" / "index.html").read_text()
    assert all(text in page for text in ("班级报告", "最常见的未通过检查", "无法评分的提交", "教程章节", "学生成绩",
                                         "改分与评语", "迟交扣分"))


def test_an_unknown_assignment_is_a_one_line_usage_error(cli, empty_course):
    done = cli(empty_course, "report", "99_nope")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["autograder: error: unknown assignment '99_nope' (known: 01_view_reshape)"]


# -- what graders change in the gradebook -------------------------------------------------------------

NOTEBOOK = CLASS_NOTEBOOK.removesuffix(".ipynb")
DUE = "2026-11-20 12:00:00 UTC"
COMMENT = "column: x[:, 1] is a view; see 2.3 <clone()>"


def formgrader_edit(db_url, student, cell, **fields):
    """What formgrader's grade and comment API handlers do when a grader saves a score or a comment."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, "torch-fundamentals") as gb:
        if "manual_comment" in fields:
            comment = gb.find_comment_by_id(gb.find_comment(cell, NOTEBOOK, CLASS_ASSIGNMENT, student).id)
            comment.manual_comment = fields["manual_comment"]
        else:
            grade = gb.find_grade_by_id(gb.find_grade(cell, NOTEBOOK, CLASS_ASSIGNMENT, student).id)
            grade.manual_score = fields.get("manual_score")
            grade.extra_credit = fields.get("extra_credit")
            grade.needs_manual_grade = grade.manual_score is None and grade.auto_score is None
        gb.db.commit()


def gradebook_grade(db_url, student, cell):
    from nbgrader.api import Gradebook

    with Gradebook(db_url, "torch-fundamentals") as gb:
        grade = gb.find_grade(cell, NOTEBOOK, CLASS_ASSIGNMENT, student)
        comment = gb.find_comment(cell.removeprefix("test_"), NOTEBOOK, CLASS_ASSIGNMENT, student)
        notebook = gb.find_submission_notebook(NOTEBOOK, CLASS_ASSIGNMENT, student)
        return (grade.auto_score, grade.manual_score, grade.extra_credit, grade.needs_manual_grade,
                comment.manual_comment, notebook.late_submission_penalty)


@pytest.fixture(scope="module")
def staffed(graded_class, tmp_path_factory):
    """A copy of the graded class after a grader's work in formgrader, with a due date, nbgrader's "zero" late
    policy and a late hand-in by a-solution; then a regrade of a-solution (late now) and of b-stub (overridden)."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    root = tmp_path_factory.mktemp("staffed") / "course"
    shutil.copytree(graded_class, root, ignore=shutil.ignore_patterns("reports"))
    with (root / "nbgrader_config.py").open("a") as config:
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    db_url = f"sqlite:///{root / 'gradebook.db'}"
    with Gradebook(db_url, "torch-fundamentals") as gb:
        gb.update_or_create_assignment(CLASS_ASSIGNMENT, duedate=parse_utc(DUE))
        gb.find_grade("test_make_grid", NOTEBOOK, CLASS_ASSIGNMENT, "b-stub").auto_score = 2.0  # the regrade puts 0 back
        gb.db.commit()
    formgrader_edit(db_url, "b-stub", "test_column", manual_score=1.5)
    formgrader_edit(db_url, "b-stub", "column", manual_comment=COMMENT)
    formgrader_edit(db_url, "e-masks", "test_positives", manual_score=None, extra_credit=0.5)
    before = {student: gradebook_grade(db_url, student, cell)
              for student, cell in (("b-stub", "test_column"), ("e-masks", "test_positives"))}
    (root / "submitted" / "a-solution" / CLASS_ASSIGNMENT / "timestamp.txt").write_text("2026-11-21 09:00:00.000000 UTC")
    regrade = autograder(root, "grade", CLASS_ASSIGNMENT, "--student", "a-solution", "--student", "b-stub",
                         "--force", "--workers", "1")
    assert regrade.returncode == 0, regrade.stderr
    done = autograder(root, "report", CLASS_ASSIGNMENT)
    assert done.returncode == 0, done.stderr
    assert f"overrides CSV: {root / 'reports' / CLASS_ASSIGNMENT / 'overrides.csv'}" in done.stdout
    return root, db_url, before, regrade


def rows_of(path):
    return {row["student_id"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}


@pytest.mark.slow
@pytest.mark.integration  # the graded class, one regrade of two students, `autograder report`
def test_a_graders_override_and_comment_show_in_the_page_grades_csv_and_overrides_csv(staffed):
    root, _, before, _ = staffed
    folder = root / "reports" / CLASS_ASSIGNMENT
    grades = rows_of(folder / "grades.csv")
    assert (float(grades["b-stub"]["raw_score"]), float(grades["b-stub"]["score"])) == (1.5, 1.5)  # 0 auto, 1.5 by hand
    e_auto = sum(score for (student, _), score in gradebook_rows(root).items() if student == "e-masks")
    assert 0 < e_auto < 11.5 and float(grades["e-masks"]["score"]) == pytest.approx(e_auto + 0.5)  # extra credit
    overrides = list(csv.DictReader((folder / "overrides.csv").open(encoding="utf-8")))
    assert overrides == [
        {"assignment": CLASS_ASSIGNMENT, "notebook": NOTEBOOK, "student_id": "b-stub", "cell": "column", "auto_score": "",
         "manual_score": "", "extra_credit": "", "max_score": "", "manual_comment": COMMENT},
        {"assignment": CLASS_ASSIGNMENT, "notebook": NOTEBOOK, "student_id": "b-stub", "cell": "test_column",
         "auto_score": "0.0", "manual_score": "1.5", "extra_credit": "", "max_score": "2.0", "manual_comment": ""},
        {"assignment": CLASS_ASSIGNMENT, "notebook": NOTEBOOK, "student_id": "e-masks", "cell": "test_positives",
         "auto_score": str(before["e-masks"][0]), "manual_score": "", "extra_credit": "0.5", "max_score": "2.0",
         "manual_comment": ""},
    ]
    page = (folder / "index.html").read_text(encoding="utf-8")
    table = page.split("Overrides and comments", 1)[1]
    assert "<td>b-stub</td><td>01_view_reshape</td><td><code>test_column</code></td>\n<td class=\"num\">0</td>" \
           "<td class=\"num\">→ 1.5 / 2</td>" in table
    assert html.escape(COMMENT, quote=False) in table and COMMENT not in table  # shown, and escaped
    assert "<td class=\"num\">+0.5</td>" in table
    students = page.split("Student scores", 1)[1].split("Overrides and comments", 1)[0]
    assert ("<tr><td>b-stub</td><td>graded · needs manual grading</td>\n<td class=\"num\">0</td>"
            "<td class=\"num\"><b>1.5</b></td>") in students
    # mean and median are the gradebook's, as nbgrader export counts them
    counted = [float(row["score"]) for row in grades.values()]
    assert len(counted) == 5
    assert f"Mean: <b>{statistics.fmean(counted):.2f}</b> · Median: <b>{statistics.median(counted):.2f}</b>" in page


@pytest.mark.slow
@pytest.mark.integration
def test_a_late_submission_under_penalty_method_zero_counts_zero(staffed):
    root, db_url, _, regrade = staffed
    assert "a-solution" in regrade.stdout
    assert gradebook_grade(db_url, "a-solution", "test_column")[5] == 12.0  # nbgrader's plugin: penalty = the score
    grades = rows_of(root / "reports" / CLASS_ASSIGNMENT / "grades.csv")
    assert [float(grades["a-solution"][k]) for k in ("raw_score", "late_submission_penalty", "score")] == [12.0, 12.0, 0.0]
    assert all(float(grades[s]["late_submission_penalty"]) == 0 for s in grades if s != "a-solution")
    page = (root / "reports" / CLASS_ASSIGNMENT / "index.html").read_text(encoding="utf-8")
    students = page.split("Student scores", 1)[1].split("Overrides and comments", 1)[0]
    assert ("<tr><td>a-solution</td><td>graded</td>\n<td class=\"num\">12</td><td class=\"num\">12</td>\n"
            "<td class=\"num\">21.0</td><td class=\"num\">−12</td>\n<td class=\"num\"><b>0</b> / 12</td></tr>") in students


@pytest.mark.slow
@pytest.mark.integration
def test_a_regrade_keeps_the_graders_override_and_comment(staffed):
    _, db_url, before, regrade = staffed
    assert "b-stub" in regrade.stdout
    auto, manual, extra, review, comment, penalty = gradebook_grade(db_url, "b-stub", "test_column")
    assert (auto, manual, comment, penalty) == (0.0, 1.5, COMMENT, None)
    assert review  # a regraded cell with a manual score is flagged for review, as nbgrader's SaveAutoGrades does
    assert before["b-stub"][:3] == (0.0, 1.5, None)
    assert gradebook_grade(db_url, "b-stub", "test_make_grid")[0] == 0.0  # the regrade did write the auto scores
    assert gradebook_grade(db_url, "e-masks", "test_positives") == before["e-masks"]  # not regraded: untouched
