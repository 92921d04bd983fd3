"""The grading pipeline on a toy assignment: scores, partial credit, messages, and hostile code."""
from pathlib import Path

import pytest

from autograder import corpus

from helpers import TOY

STUB = "def {name}(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"


def grade(grader, notebook):
    return grader.grade_notebook(notebook, Path("submission.ipynb"))


def messages(result):
    return {c.name: c.message for p in result.parts for c in p.checks}


def test_reference_earns_full_marks(toy_grader, toy_source):
    result = grade(toy_grader, toy_source)
    assert result.score == result.max_score == 3
    report = result.to_gradescope()
    assert [t["name"] for t in report["tests"]] == [
        "test_double::doubles_values", "test_double::leaves_input_unchanged", "test_first_row::is_view"]
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in report["tests"])


def test_stub_earns_zero_with_a_message_per_check(toy_grader, toy_source):
    # checks run on the stubs (as verify runs them): each fails with what the student's function did
    stub = corpus.apply(toy_source, {"double": STUB.format(name="double"), "first_row": STUB.format(name="first_row")})
    result = toy_grader.grade_notebook(stub, Path("submission.ipynb"), check_unanswered=True)
    assert result.score == 0
    assert set(messages(result).values()) == {
        "double is not implemented yet (it raises NotImplementedError)",
        "not checked until doubles_values passes",
        "first_row is not implemented yet (it raises NotImplementedError)"}


def test_a_side_check_earns_its_share_only_once_the_check_it_requires_passed(toy_grader, toy_source):
    # a function that does nothing leaves its input unchanged: that is worth nothing on its own
    nothing = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x"}))
    assert nothing.part("test_double").score == 0
    assert messages(nothing)["test_double::leaves_input_unchanged"] == "not checked until doubles_values passes"
    # a nearly right answer keeps the side credit it earns, and loses only what it gets wrong
    right = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x + x"}))
    assert right.part("test_double").score == 2
    in_place = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x.mul_(2)"}))
    assert messages(in_place)["test_double::leaves_input_unchanged"] == "double changed its input"


def test_a_check_that_requires_a_check_of_another_name_is_an_error_in_the_checks(tmp_path, toy_source):
    from autograder.grader import ChecksBroken, Grader

    (tmp_path / "test_double.py").write_text(
        "from autograder.checking import requires\n\n@requires('test_does_not_exist')\ndef test_x(student):\n    pass\n")
    (tmp_path / "test_first_row.py").write_text("def test_y(student):\n    pass\n")
    grader = Grader("toy", TOY / "toy.ipynb", checks=tmp_path)
    with pytest.raises(ChecksBroken, match="test_does_not_exist"):
        grader.grade_notebook(toy_source, Path("s.ipynb"))


def test_unanswered_parts_score_zero_without_running_their_checks(toy_grader, toy_source):
    # a part whose cell is exactly as released (whitespace aside) is not checked; any edit is
    stub = STUB.format(name="first_row")
    half = corpus.apply(toy_source, {"double": "def double(x):\n    return x * 2", "first_row": stub + "\n\n"})
    result = grade(toy_grader, half)
    assert result.score == 2
    assert messages(result)["test_first_row::is_view"] == "not answered: the answer cell 'first_row' is as it was released"
    edited = grade(toy_grader, corpus.apply(toy_source, {"first_row": stub.replace("# YOUR CODE HERE", "# todo")}))
    assert messages(edited)["test_first_row::is_view"] == "first_row is not implemented yet (it raises NotImplementedError)"
    # the function written in another answer cell: that part is answered there, and checked
    elsewhere = corpus.apply(toy_source, {"double": STUB.format(name="double"),
                                          "first_row": "def first_row(x):\n    return x[0]\n\ndef double(x):\n    return x * 2"})
    assert grade(toy_grader, elsewhere).score == 3
    # nothing answered at all: no worker is started
    from autograder.grader import Grader
    from autograder.sandbox import Launcher

    class NoWorkers(Launcher):
        def start(self, cells):
            pytest.fail("a worker was started")

    no_workers = Grader("toy", TOY / "toy.ipynb", checks=TOY / "checks", launcher=NoWorkers())
    blank = grade(no_workers, corpus.apply(toy_source, {"double": STUB.format(name="double"), "first_row": stub}))
    assert blank.score == 0 and len(messages(blank)) == 3
    assert set(messages(blank).values()) == {f"not answered: the answer cell '{n}' is as it was released"
                                              for n in ("double", "first_row")}


def test_points_are_split_over_a_parts_checks(toy_grader, toy_source):
    result = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x.mul_(2)"}))
    part = result.part("test_double")
    assert [c.max_score for c in part.checks] == [1, 1]
    assert part.score == 1 and result.score == 2
    assert messages(result)["test_double::leaves_input_unchanged"] == "double changed its input"


def test_comparison_patches_in_student_code_cannot_pass_checks(toy_grader, toy_source):
    cheat = (
        "import torch\n"
        "torch.equal = lambda *a, **k: True\n"
        "torch.allclose = lambda *a, **k: True\n"
        "torch.testing.assert_close = lambda *a, **k: None\n"
        "torch.Tensor.data_ptr = lambda self: 0\n"
        "def double(x):\n    return x\n"
    )
    result = grade(toy_grader, corpus.apply(toy_source, {"double": cheat, "first_row": "def first_row(x):\n    return x[0].clone()"}))
    # "input unchanged" is true of x itself, but earns nothing until doubles_values passes
    assert result.part("test_double").score == 0
    assert result.part("test_first_row").score == 0


@pytest.mark.slow  # waits out the cell's 8 s time limit
def test_a_hanging_answer_cell_costs_only_its_part(toy_grader, toy_source):
    result = grade(toy_grader, corpus.apply(toy_source, {"double": "while True:\n    pass"}))
    assert result.part("test_double").score == 0
    assert result.part("test_first_row").score == 1
    assert "your cell 'double' did not finish within 8 s" in messages(result)["test_double::doubles_values"]
    assert "did not finish" in result.output


@pytest.mark.slow  # waits out the call's 3 s time limit
def test_a_hanging_function_fails_its_checks_and_the_rest_are_graded(toy_grader, toy_source):
    result = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    while True:\n        pass"}))
    assert result.part("test_double").score == 0
    assert messages(result)["test_double::doubles_values"] == "your code did not finish within 3 s"
    assert result.part("test_first_row").score == 1


@pytest.mark.parametrize(("exit_code", "said"), [
    ("import os\nos._exit(3)", "exited with code 3"), ("import sys\nsys.exit(0)", ""),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "was killed by SIGKILL (memory or time limit)")])
def test_stopping_the_process_costs_only_that_part(toy_grader, toy_source, exit_code, said):
    result = grade(toy_grader, corpus.apply(toy_source, {"first_row": exit_code}))
    assert result.part("test_double").score == 2
    assert result.part("test_first_row").score == 0
    if said:  # why the process ended, from its exit status (the fork server writes it as it reaps the worker)
        assert f"your cell 'first_row' {said}, so its answer was not graded" in result.output


def test_exceptions_in_cells_are_reported_without_tracebacks(toy_grader, toy_source):
    result = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x * 2\n1 / 0"}))
    assert result.part("test_double").score == 2  # the function was defined before the error
    assert "your cell 'double' raised ZeroDivisionError: division by zero" in result.output
    bad = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x.nonexistent()"}))
    assert messages(bad)["test_double::doubles_values"] == "double raised AttributeError: 'Tensor' object has no attribute 'nonexistent'"


def test_memory_bombs_are_contained(toy_grader, toy_source):
    bomb = "def double(x):\n    blob = bytearray(50 * 1024**3)\n    return x * 2"
    result = grade(toy_grader, corpus.apply(toy_source, {"double": bomb}))
    assert result.part("test_double").score == 0
    assert "MemoryError" in messages(result)["test_double::doubles_values"]
    assert result.part("test_first_row").score == 1


def test_objects_that_are_not_tensors_stay_in_the_worker(toy_grader, toy_source):
    sneaky = (
        "import torch\n"
        "class Always(torch.Tensor):\n"
        "    def __eq__(self, other):\n        return True\n"
        "def double(x):\n    return (x * 3).as_subclass(Always)\n"
    )
    result = grade(toy_grader, corpus.apply(toy_source, {"double": sneaky}))
    assert result.part("test_double").score < 2
    assert "should be a tensor" in messages(result)["test_double::doubles_values"]


def test_messages_never_show_check_source(toy_grader, toy_source):
    result = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x", "first_row": "def first_row(x):\n    return x.clone()"}))
    failed = [c.message for p in result.parts for c in p.checks if not c.passed]
    assert len(failed) == 3  # doubles_values, leaves_input_unchanged (not checked until it passes), is_view
    code_lines = {line.strip() for p in (TOY / "checks").glob("*.py") for line in p.read_text().splitlines()}
    code_lines = {line for line in code_lines if len(line) > 15 and not line.startswith(("def ", "#"))}
    for message in failed:
        assert message and "\n" not in message and "Traceback" not in message
        assert not any(line in message for line in code_lines), message


def test_nothing_carries_over_from_one_submission_to_the_next(toy_grader, toy_source):
    planter = "import torch, builtins\ntorch.planted = True\nbuiltins.planted = True\ndef double(x):\n    return x * 2"
    assert grade(toy_grader, corpus.apply(toy_source, {"double": planter})).part("test_double").score == 2
    probe = ("import torch, builtins\n"
             "def double(x):\n"
             "    leaked = hasattr(torch, 'planted') or hasattr(builtins, 'planted')\n"
             "    return x * (3 if leaked else 2)\n")
    assert grade(toy_grader, corpus.apply(toy_source, {"double": probe})).part("test_double").score == 2


def test_the_checks_are_collected_once_and_a_run_cut_short_costs_nothing_to_the_next(toy_grader, toy_source):
    """judge.Checks keeps pytest's collection for the process; every submission gets its own `student`, and a run
    that stops (no worker could be started again) is followed by a complete one."""
    from functools import partial

    from autograder import judge
    from autograder import notebook as nb
    from autograder.notebook_run import restart, run_notebook
    from autograder.sandbox import GraderBroken
    from autograder.student import Session

    assert grade(toy_grader, toy_source).score == 3
    collected = dict(judge._COLLECTED)
    assert grade(toy_grader, toy_source).score == 3
    assert judge._COLLECTED == collected  # the same Checks, not collected again

    def no_more_workers():
        raise GraderBroken("no worker could be started")

    rebuilt = nb.rebuild(toy_grader.source, toy_source)
    worker, _run = run_notebook(toy_grader.launcher, list(rebuilt.cells), rebuilt.problems)
    worker.kill("gone")  # the first check must start a new worker, and cannot
    with pytest.raises(GraderBroken):
        judge.run_checks(toy_grader.checks, Session(worker, no_more_workers), toy_grader.devices)
    worker.close()
    wrong = grade(toy_grader, corpus.apply(toy_source, {"double": "def double(x):\n    return x * 3"}))
    assert wrong.part("test_double").score == 0 and wrong.part("test_first_row").score == 1
    assert grade(toy_grader, toy_source).score == 3
