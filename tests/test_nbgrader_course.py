"""A whole round through nbgrader's own commands on a temporary course with a real SQLite gradebook."""
import csv
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import corpus
from autograder.course import run_nbgrader

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK as NOTEBOOK, REPO

pytestmark = [pytest.mark.slow, pytest.mark.integration]  # a class graded by autograder and by nbgrader (~120 s)


DUE = "2026-11-20 12:00:00 UTC"  # every student hands in at 10:00 that day, but dave, late, the next day


def penalties(db_url):
    with Gradebook(db_url) as gb:
        return {s.student.id: (s.score, s.late_submission_penalty) for s in gb.assignment_submissions(ASSIGNMENT)}


def scores(db_url):
    with Gradebook(db_url) as gb:
        return {
            (s.student.id, grade.name): grade.auto_score
            for s in gb.assignment_submissions(ASSIGNMENT)
            for nb in s.notebooks
            for grade in nb.grades
        }


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "nbgrader_config.py", root)
    with (root / "nbgrader_config.py").open("a") as config:  # nbgrader's built-in late policy
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    shutil.copytree(REPO / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    run_nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    run_nbgrader(root, "db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE}")
    release = nbformat.read(str(root / "assignments" / ASSIGNMENT / NOTEBOOK), as_version=4)
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    mutant = next(iter(corpus.variants(REPO, ASSIGNMENT, "mutants")))
    students = {"alice": solution, "bob": release, "carol": corpus.apply(solution, mutant.cells), "dave": solution}
    for student, notebook in students.items():
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / NOTEBOOK))
        (folder / "timestamp.txt").write_text(f"2026-11-2{1 if student == 'dave' else 0} 10:00:00.000000 UTC")
    return root


@pytest.fixture(scope="module")
def both_ways(course):
    """Grade the class with ``autograder grade`` into one gradebook and ``nbgrader autograde`` into another."""
    ours = f"sqlite:///{course / 'ours.db'}"
    run_nbgrader(course, "db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE}", f"--db={ours}")
    done = subprocess.run([sys.executable, "-m", "autograder", "--db", ours, "grade", ASSIGNMENT],
                          cwd=course, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    run_nbgrader(course, "autograde", ASSIGNMENT, "--force")
    return scores(ours), scores(f"sqlite:///{course / 'gradebook.db'}"), done.stdout


def test_both_paths_record_identical_per_cell_scores(both_ways):
    ours, theirs, _ = both_ways
    assert ours == theirs
    assert {student for student, _ in ours} == {"alice", "bob", "carol", "dave"}


def test_both_paths_give_the_late_submission_nbgraders_penalty(both_ways, course):
    """Under penalty_method "zero", dave's full marks, a day late, count zero, whichever path graded them."""
    ours, theirs = penalties(f"sqlite:///{course / 'ours.db'}"), penalties(f"sqlite:///{course / 'gradebook.db'}")
    assert ours == theirs
    assert ours["dave"][0] == ours["dave"][1] == ours["alice"][0] > 0  # the whole score taken off
    assert all(penalty == 0 for student, (_, penalty) in ours.items() if student != "dave")


def test_scores_are_right(both_ways, course):
    ours, _, table = both_ways
    total = {s: sum(v for (student, _), v in ours.items() if student == s) for s in ("alice", "bob", "carol")}
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    max_total = sum(c.metadata["nbgrader"].get("points", 0) for c in solution.cells
                    if c.metadata.get("nbgrader", {}).get("grade"))
    assert total["alice"] == max_total > 0
    assert total["bob"] == 0
    assert 0 < total["carol"] < max_total
    for student in ("alice", "bob", "carol", "dave"):
        assert student in table


def test_feedback_shows_check_messages_but_no_check_source(both_ways, course):
    run_nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    html = (course / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "not answered: the answer cell" in html
    check_lines = {
        line.strip()
        for path in (REPO / "autograder" / "checks" / ASSIGNMENT).glob("*.py")
        for line in path.read_text().splitlines()
        if len(line.strip()) > 25 and not line.strip().startswith(("#", '"'))
    }
    leaked = [line for line in check_lines if line in html]
    assert not leaked, leaked[:3]


def test_export_writes_the_grades(both_ways, course):
    out = course / "grades.csv"
    run_nbgrader(course, "export", "--to", str(out))
    rows = {row["student_id"]: row for row in csv.DictReader(out.open())}
    assert float(rows["bob"]["raw_score"]) == 0
    assert float(rows["alice"]["raw_score"]) == float(rows["alice"]["max_score"]) > 0
    assert float(rows["dave"]["raw_score"]) == float(rows["dave"]["late_submission_penalty"]) > 0
    assert float(rows["dave"]["score"]) == 0


def test_one_autograde_run_grades_every_notebook_with_one_configured_grader(both_ways, course, tmp_path, monkeypatch):
    """``c.GradeWithChecks`` options reach the Grader, and the run's notebooks share it (so one fork server)."""
    import autograder.grader
    from autograder import pool
    from autograder.course import load_config
    from nbgrader.apps import NbGraderAPI

    made, graded = [], []

    class Recorded(autograder.grader.Grader):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

        def grade_notebook(self, *args, **kwargs):
            graded.append(self)
            return super().grade_notebook(*args, **kwargs)

    monkeypatch.setattr(autograder.grader, "Grader", Recorded)
    monkeypatch.setattr(pool, "_graders", {})  # dropped afterwards: its fork server stops
    monkeypatch.setenv("AUTOGRADER_LANG", "en")
    root = tmp_path / "course"
    shutil.copytree(course, root)
    db_url = f"sqlite:///{root / 'gradebook.db'}"
    with Gradebook(db_url) as gb:  # the copied scores are forgotten: this run must record them again
        for submission in gb.assignment_submissions(ASSIGNMENT):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = None
        gb.db.commit()
    assert set(scores(db_url).values()) == {None}
    config = load_config(root)
    config.CourseDirectory.root = str(root)
    config.GradeWithChecks.notebook_seconds = 45.0
    config.GradeWithChecks.cpu_seconds = 200
    config.GradeWithChecks.device = "cpu"
    outcome = NbGraderAPI(config=config).autograde(ASSIGNMENT, "*", force=True)
    assert outcome["success"], outcome.get("error")
    assert len(made) == 1 and len(graded) == 4 and set(graded) == set(made)
    limits = made[0].limits
    assert (limits.notebook_seconds, limits.call_seconds, limits.cpu_seconds) == (45.0, 10.0, 200)
    assert made[0].devices == ("cpu",)
    ours, _, _ = both_ways
    assert scores(db_url) == ours
