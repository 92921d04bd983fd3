"""What students read is in the catalogue: every message of the engine, the pages and the hidden checks has
a Chinese translation with the same placeholders, and no check writes a message the catalogue cannot hold."""
import ast
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from autograder import i18n

AUTOGRADER = Path(i18n.__file__).parent
MESSAGE_ARGUMENT = {"fail": 0, "expect": 1, "_fail_compared": 0}  # where the message stands in each call


def catalogue():
    with (i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "autograder.po").open("rb") as handle:
        return read_po(handle)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def calls_with_a_message(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MESSAGE_ARGUMENT:
            index = MESSAGE_ARGUMENT[node.func.id]
            if len(node.args) > index:
                yield node, node.args[index]


@pytest.mark.parametrize("path", sorted(AUTOGRADER.rglob("*.py")), ids=lambda p: str(p.relative_to(AUTOGRADER)))
def test_every_check_message_is_a_literal_the_catalogue_can_hold(path):
    """``fail(f"... {x}")`` would reach a Chinese student in English: placeholders go in as keyword arguments."""
    bad = [f"{path.name}:{node.lineno}" for node, message in calls_with_a_message(path)
           if not (isinstance(message, ast.Constant) and isinstance(message.value, str))
           and not (path.name == "checking.py" and isinstance(message, ast.Name))]  # fail/expect pass theirs on
    assert not bad, f"write these messages as literals with {{placeholders}} and keyword arguments: {bad}"


def test_every_message_has_a_chinese_translation_with_the_same_placeholders():
    found = i18n.extract()
    assert "How to reproduce:" in found and "Tutorial section" in found
    assert any("checks/" in place for places in found.values() for place in places)
    translations = catalogue()
    untranslated = sorted(f"{places[0]}: {m}" for m, places in found.items()
                          if not (translations.get(m) and translations.get(m).string))
    assert not untranslated, ("translate these (python -m autograder.catalogue missing > todo.po, fill in, "
                              f"python -m autograder.catalogue merge todo.po): {untranslated[:20]}")
    mismatched = sorted(m for m in found if fields(m) != fields(translations.get(m).string))
    assert not mismatched, f"the Chinese text names other placeholders than the English: {mismatched[:10]}"


def test_a_failed_check_reads_in_the_course_language():
    from autograder.checking import CheckFailure, fail

    message = "not checked until {checks} passes"
    assert translations_of(message)
    try:
        i18n.set_language("zh")
        with pytest.raises(CheckFailure) as failure:
            fail("{what} has shape {got}; expected {expected}", what="f(x)", got=(2,), expected=(3,))
        assert "f(x)" in str(failure.value) and "(2,)" in str(failure.value)
        assert str(failure.value) != "f(x) has shape (2,); expected (3,)"
        i18n.set_language("en")
        with pytest.raises(CheckFailure) as failure:
            fail("{what} has shape {got}; expected {expected}", what="f(x)", got=(2,), expected=(3,))
        assert str(failure.value) == "f(x) has shape (2,); expected (3,)"
    finally:
        i18n.set_language(i18n.resolve())


def translations_of(message: str) -> str:
    entry = catalogue().get(message)
    return entry.string if entry else ""


def test_the_catalogue_holds_no_message_the_code_no_longer_uses():
    used = i18n.extract()
    unused = sorted(entry.id for entry in catalogue() if entry.id and entry.id not in used)
    assert not unused, f"python -m autograder.catalogue prune removes these: {unused[:10]}"


def test_a_name_only_an_example_cell_defines_gets_its_own_message():
    from autograder import notebook as nb
    from autograder.plugin import student_message
    from autograder.student import StudentError

    source = nb.nbformat.v4.new_notebook(cells=[
        nb.nbformat.v4.new_code_cell("import torch"),
        nb.nbformat.v4.new_code_cell("from torch.nn.utils.rnn import pad_sequence\nshown = 1",
                                     metadata={"tags": ["demo"]}),
        nb.nbformat.v4.new_code_cell("shown = 2")])
    assert nb.demo_only_names(source) == {"pad_sequence"}
    error = StudentError("pad_collate", "NameError", "name 'pad_sequence' is not defined")
    assert student_message(error, demo_only=frozenset({"pad_sequence"})).startswith(
        "pad_sequence is defined only in an example cell, which grading skips")
    assert "example cell" not in student_message(error)


def test_a_device_failure_gives_the_advice_before_pytorchs_own_text():
    from autograder.plugin import MAX_MESSAGE, student_message
    from autograder.student import StudentError

    long = "Expected all tensors to be on the same device, but found cpu and meta! Call .cpu() " + "x" * 400
    message = student_message(StudentError("huber", "RuntimeError", long), device="meta")
    assert message.startswith("huber failed for inputs on the 'meta' device: keep every tensor on the input's device")
    assert "no .cpu()" in message and len(message) <= MAX_MESSAGE


def test_failures_of_a_part_that_share_a_message_are_shown_once():
    from fractions import Fraction

    from autograder.results import CheckResult, PartResult

    same = "not checked until matches_oracle passes"
    part = PartResult("test_f", Fraction(3), [
        CheckResult("test_f", "matches_oracle", False, Fraction(1), "f returned None", "result = f(x)"),
        CheckResult("test_f", "inputs_unchanged", False, Fraction(1), same),
        CheckResult("test_f", "keeps_device[meta]", False, Fraction(1), same)])
    text = part.report()
    assert text.count(same) == 1 and "inputs_unchanged, keeps_device[meta]" in text
    assert part.failures()[0] == (["matches_oracle"], "f returned None", "result = f(x)")


def test_why_a_submission_cannot_be_graded_reads_in_the_course_language(tmp_path):
    from autograder import notebook as nb

    empty = tmp_path / "hw.ipynb"
    empty.write_bytes(b"")
    def answer():
        return nb.nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"solution": True, "grade_id": "answer"}})

    source, twice = nb.nbformat.v4.new_notebook(cells=[answer()]), nb.nbformat.v4.new_notebook(cells=[answer(), answer()])
    try:
        i18n.set_language("zh")
        with pytest.raises(nb.MalformedSubmission) as failure:
            nb.load_submission(empty)
        assert str(failure.value) == "hw.ipynb 是空文件"
        assert nb.rebuild(source, twice).problems == {"answer": "答案单元格 'answer' 在你的 notebook 中出现了 2 次；请只保留一个"}
        i18n.set_language("en")
        with pytest.raises(nb.MalformedSubmission) as failure:
            nb.load_submission(empty)
        assert str(failure.value) == "hw.ipynb is empty"
    finally:
        i18n.set_language(i18n.resolve())
