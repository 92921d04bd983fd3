"""``autograder report``: the class at a glance, and a grades.csv with nbgrader export's rows."""
import csv
import os
import subprocess
import sys

import pytest

from autograder.course import run_nbgrader

from helpers import CLASS_ASSIGNMENT


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
    assert sorted(p.name for p in report.iterdir()) == ["grades.csv", "index.html", "parts.png", "scores.png"]
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
    assert all(text in page for text in ("班级报告", "最常见的未通过检查", "无法评分的提交", "教程章节"))


def test_an_unknown_assignment_is_a_one_line_usage_error(cli, empty_course):
    done = cli(empty_course, "report", "99_nope")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["autograder: error: unknown assignment '99_nope' (known: 01_view_reshape)"]
