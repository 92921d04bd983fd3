"""Fixtures shared by the test modules; shared paths and builders are in helpers.py."""
import os
import subprocess

import nbformat
import pytest

from autograder import notebook as nb

from helpers import CLASS_ASSIGNMENT, REPO, TOY, make_course


@pytest.fixture(scope="session")
def toy_source() -> nbformat.NotebookNode:
    return nb.read_source(TOY / "toy.ipynb")


@pytest.fixture(scope="session")
def toy_grader():
    from autograder.grader import Grader
    from autograder.sandbox import Limits

    return Grader("toy", TOY / "toy.ipynb", Limits(notebook_seconds=8, call_seconds=3), checks=TOY / "checks")


@pytest.fixture
def language():
    """Switch this process's language for one test, then go back to what the environment says."""
    from autograder import i18n

    yield i18n.set_language
    i18n.set_language(i18n.resolve())


@pytest.fixture
def cli(language, capsys, monkeypatch):
    """Run the ``autograder`` command line in this process, in a given folder: ``cli(root, *args)`` gives a
    CompletedProcess as subprocess.run would.  For usage errors, help and status: a subprocess would only add
    seconds of start-up (grading classes keeps its subprocess: it starts a process pool of its own)."""
    from autograder.cli import main

    # `language` (set up first, torn down last) resets the language once monkeypatch has put the variables back
    monkeypatch.setenv("AUTOGRADER_LANG", "en")  # the command sets it; monkeypatch puts it back
    monkeypatch.setenv("PATH", os.environ.get("PATH", ""))  # main() puts the venv's bin/ first

    def run(root, *args):
        monkeypatch.chdir(root)
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's --help and usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


@pytest.fixture
def empty_course(tmp_path):
    """A course folder with nbgrader_config.py and the source of 01_view_reshape, nothing generated or submitted."""
    import shutil

    root = tmp_path / "empty"
    shutil.copytree(REPO / "source" / CLASS_ASSIGNMENT, root / "source" / CLASS_ASSIGNMENT)
    shutil.copy(REPO / "nbgrader_config.py", root)
    return root


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """A course whose small class of 01_view_reshape was graded once by ``autograder grade`` (shared: copy it
    before changing it).  Students: the solution, the released stub, a broken file, and two with mistakes."""
    import sys

    root = make_course(tmp_path_factory.mktemp("class") / "course", {
        "d-views": ["column_copies", "strict_view_rejects_any_non_contiguous"],
        "e-masks": ["positives_keeps_zero", "pick_per_row_whole_columns"],
    })
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", CLASS_ASSIGNMENT, "--workers", "1"],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def no_reaping_init():
    """For one test, this pytest process stands in for a container's PID 1 that never reaps: it adopts the
    orphans of the processes the test starts (PR_SET_CHILD_SUBREAPER) and reads their exit status only at
    teardown, so a process the run left unreaped stays visible (``unreaped``) meanwhile."""
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    yield
    prctl(36, 0, 0, 0, 0)
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break
