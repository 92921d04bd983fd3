"""The ``autograder`` command as instructors and CI call it."""
import json
import os
import subprocess
import sys

import pytest

from autograder import corpus

from helpers import REPO

ASSIGNMENT = "01_view_reshape"
SOLUTION = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RELEASE = REPO / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


def autograder(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade, in one command, the solution, the stub, a cheater, random bytes and an empty file."""
    folder = tmp_path_factory.mktemp("files")
    cheater = corpus.parse(REPO / "demo" / "class" / "grace.py")
    import nbformat

    release = nbformat.read(str(RELEASE), as_version=4)
    nbformat.write(corpus.apply(release, cheater.cells), str(folder / "cheater.ipynb"))
    (folder / "random.ipynb").write_bytes(os.urandom(4096))
    (folder / "empty.ipynb").write_bytes(b"")
    files = [SOLUTION, RELEASE, folder / "cheater.ipynb", folder / "random.ipynb", folder / "empty.ipynb"]
    done = autograder("grade", ASSIGNMENT, *files, "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == len(files)
    return dict(zip(["solution", "stub", "cheater", "random", "empty"], map(json.loads, lines)))


@pytest.mark.slow
@pytest.mark.integration  # `graded`: one `autograder grade --json` subprocess (~25 s)
def test_solution_earns_full_marks(graded):
    result = graded["solution"]
    assert result["score"] == result["max_score"] > 0
    assert result["tests"] and all(t["status"] == "passed" for t in result["tests"])


@pytest.mark.slow
@pytest.mark.integration
def test_results_follow_the_gradescope_schema(graded):
    for result in graded.values():
        assert {"score", "max_score", "execution_time", "output", "tests"} <= set(result)
        for test in result["tests"]:
            assert set(test) >= {"name", "score", "max_score", "status", "output"}
            assert test["status"] in {"passed", "failed"}
            part, check = test["name"].split("::")
            assert part.startswith("test_") and check
        assert abs(sum(t["max_score"] for t in result["tests"]) - result["max_score"]) < 1e-3
        assert abs(sum(t["score"] for t in result["tests"]) - result["score"]) < 1e-3


@pytest.mark.slow
@pytest.mark.integration
def test_released_stub_scores_zero(graded):
    assert graded["stub"]["score"] == 0
    assert all("not answered" in t["output"] for t in graded["stub"]["tests"])


@pytest.mark.slow
@pytest.mark.integration
def test_patching_comparisons_and_returning_wrong_values_scores_zero(graded):
    assert graded["cheater"]["score"] == 0


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize("name, reason", [("random", "not UTF-8"), ("empty", "is empty")])
def test_malformed_files_score_zero_with_a_reason(graded, name, reason):
    result = graded[name]
    assert result["score"] == 0 and reason in result["output"]
    assert all(reason in t["output"] for t in result["tests"])


def test_unknown_assignment_is_a_usage_error(cli):
    done = cli(REPO, "grade", "99_nope", SOLUTION)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["autograder: error: unknown assignment '99_nope' (known: " + ", ".join(
        sorted(p.name for p in (REPO / "source").iterdir())) + ")"]


def test_missing_file_is_a_usage_error(cli):
    done = cli(REPO, "grade", ASSIGNMENT, "no/such/file.ipynb")
    assert done.returncode == 2
    assert done.stderr.strip() == "autograder: error: no such file: no/such/file.ipynb"


def test_outside_a_course_is_a_usage_error(cli, tmp_path):
    done = cli(tmp_path, "grade", ASSIGNMENT, SOLUTION)
    assert done.returncode == 2 and "no nbgrader_config.py" in done.stderr


def run_in_process(monkeypatch, capsys, *args):
    """``autograder ARGS`` in this process: its exit code and stderr lines (environment restored afterwards)."""
    from autograder import cli

    monkeypatch.setenv("PATH", os.environ.get("PATH", ""))  # main() may put the venv on PATH
    monkeypatch.setenv("AUTOGRADER_LANG", os.environ.get("AUTOGRADER_LANG", "en"))  # configure() sets it
    code = cli.main(["--course", str(REPO), *map(str, args)])
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("command", [["report", ASSIGNMENT], ["grade", ASSIGNMENT]])
def test_a_gradebook_url_whose_driver_is_missing_is_one_line(monkeypatch, capsys, command):
    from importlib.util import find_spec

    assert find_spec("pymysql") is None, "this test needs a database driver that is not installed"
    code, err = run_in_process(monkeypatch, capsys, "--db", "mysql+pymysql://grader:secret@db.example.edu/course", *command)
    assert code == 1
    assert len(err) == 1 and err[0].startswith(
        "autograder: error: cannot use the gradebook mysql+pymysql://grader:***@db.example.edu/course: "
        "its database driver is not installed (No module named 'pymysql')")
    assert "secret" not in err[0]


def test_any_other_missing_module_is_one_line_that_does_not_blame_the_gradebook(monkeypatch, capsys):
    import sys as system

    monkeypatch.setitem(system.modules, "autograder.status", None)  # `from .status import ...` now fails
    code, err = run_in_process(monkeypatch, capsys, "status", ASSIGNMENT)
    assert code == 1
    assert len(err) == 1 and err[0].startswith("autograder: error: ModuleNotFoundError: import of autograder.status halted")
    assert "gradebook" not in err[0] and "pip install -e ." in err[0]


def test_no_module_imports_the_command_line():
    """cli is the entry point: modules it runs (demo, batch, ...) must not import it back."""
    import ast

    importers = []
    for path in sorted((REPO / "autograder").rglob("*.py")):
        if path.name in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "cli" or \
                    isinstance(node, ast.Import) and any(a.name.endswith(".cli") for a in node.names):
                importers.append(str(path.relative_to(REPO)))
    assert not importers


@pytest.mark.parametrize("argv", [
    ["grade", ASSIGNMENT], ["grade", ASSIGNMENT, "--workers", "1"], ["grade", ASSIGNMENT, "--workers=3"],
    ["grade", "--workers", "2", ASSIGNMENT, "a.ipynb"], ["grade", ASSIGNMENT, "--scheduler", "tcp://h:8786"],
    ["verify"], ["verify", "--workers", "1"], ["status", ASSIGNMENT], ["watch", ASSIGNMENT, "--workers", "2"],
    ["grade", ASSIGNMENT, "--workers", "x"], [],
])
def test_the_pool_starts_early_exactly_when_the_command_grades_in_one(argv):
    # __main__ starts the pool's fork server before importing the command line; it must read the arguments as the
    # parser does (a pool where the parser takes more than one local worker), or start one for nothing
    from autograder.cli import build_parser
    from autograder.pool import grades_with_a_pool

    try:
        args, _extra = build_parser().parse_known_args(argv)
    except SystemExit:  # the parser refuses these arguments: nothing is graded
        assert not grades_with_a_pool(argv) or argv[-1] == "x"
        return
    pooled = args.command in ("grade", "verify") and args.workers > 1 and not getattr(args, "scheduler", None)
    assert grades_with_a_pool(argv) == pooled


@pytest.fixture
def early_servers(monkeypatch):
    """In the repository (a course): what start_fork_servers_early leaves in this process, stopped and forgotten
    when the test ends (the pool module's servers and warm graders)."""
    from autograder import pool

    monkeypatch.chdir(REPO)
    yield pool
    pool.close_graders()
    for server in pool._early:
        server.close()
    pool._early.clear()
    pool._fork_servers = ()


@pytest.mark.parametrize("argv, starts", [
    (["grade", ASSIGNMENT], "auto"), (["grade", "--workers", "1", ASSIGNMENT, "a.ipynb"], "auto"),
    (["grade", "--student", "x", ASSIGNMENT, "--device=cpu"], True), (["grade", ASSIGNMENT, "--device", "cuda"], False),
    (["grade", ASSIGNMENT, "--scheduler", "tcp://h:8786"], False), (["grade", "no_such_assignment"], False),
    (["grade"], False), (["grade", "--device"], False),
])
def test_a_grade_command_starts_its_sandboxed_fork_server_first_thing(early_servers, argv, starts):
    from autograder.devices import gpu_nodes

    early_servers.start_fork_servers_early(argv)  # never raises, whatever the arguments
    if starts == "auto":
        starts = not gpu_nodes()  # with a GPU, whether the gradings use CUDA takes torch to tell
    assert len(early_servers._early) == (1 if starts else 0)
    assert early_servers._fork_servers == tuple(server.share() for server in early_servers._early)


@pytest.mark.slow
def test_the_commands_own_gradings_take_the_server_it_started_first_thing(early_servers):
    from autograder.pool import Task, grader_for, run_task

    early_servers.start_fork_servers_early(["grade", ASSIGNMENT, "--device", "cpu", "--workers", "1"])
    source = REPO / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    result = run_task(Task(ASSIGNMENT, source, SOLUTION))
    assert result.score == result.max_score > 0
    assert grader_for(ASSIGNMENT, source).launcher.server() is early_servers._early[0].share()


def test_the_autograder_command_starts_what_gradings_wait_for_before_its_imports():
    # the installed command, as instructors run it, goes through __main__ as `python -m autograder` does; cli.main
    # itself would start the fork servers only after importing nbgrader and reading the course
    from importlib.metadata import entry_points

    from autograder.__main__ import main

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "autograder"]
    assert script.load() is main


def test_a_pooled_run_hands_its_pool_the_server_started_first_thing(early_servers):
    from autograder.pool import Task

    early_servers.start_fork_servers_early(["grade", ASSIGNMENT, "--device", "cpu"])
    (first,) = early_servers._early
    source = REPO / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    with early_servers.shared_fork_servers([Task(ASSIGNMENT, source, SOLUTION)] * 2) as servers:
        assert servers == (first.share(),)  # not a second server of the same kind
    assert not first.alive() and not early_servers._early  # it ends with the run's pool
