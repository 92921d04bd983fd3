"""Feedback that teaches: reproducers, tutorial sections, two languages, report.html, and no hidden check in any of it."""
import contextlib
import gettext
import html
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import torch

from autograder import i18n, reproducer
from autograder import notebook as nb
from autograder.checking import CheckFailure, make_tensor
from autograder.feedback import report_path, student_page
from autograder.sections import sections
from autograder.stored import read_results
from autograder.student import SentCall
from autograder.course import Course

from conftest import CLASS_ASSIGNMENT, REPO, with_answers

CHECKS = REPO / "autograder" / "checks"


def run_snippet(text: str) -> tuple[tuple, dict]:
    """Run a reproducer with the callee replaced by one that hands back its arguments."""
    namespace = {}
    callee = text.split("result = ", 1)[1].split("(", 1)[0]
    code = text.replace(f"result = {callee}(", "result = (lambda *a, **k: (a, k))(")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)
    return namespace["result"]


@pytest.fixture
def language():
    """Switch this process's language for one test, then go back to what the environment says."""
    yield i18n.set_language
    i18n.set_language(i18n.resolve())


# -- reproducers --------------------------------------------------------------

@pytest.mark.parametrize("shape, layout", [((3, 4), "contiguous"), ((3, 4), "transposed"), ((2, 3, 4), "transposed"),
                                           ((2, 3), "strided"), ((10, 20), "transposed"), ((9, 12), "strided")])
def test_a_reproducer_rebuilds_the_input_with_its_layout(shape, layout):
    x = make_tensor(shape, torch.float32, 7, layout)
    text = reproducer.build(SentCall("column", (x, -1), {"keepdim": True}))
    (got, j), kwargs = run_snippet(text)
    assert (j, kwargs) == (-1, {"keepdim": True})
    assert got.shape == x.shape and got.dtype == x.dtype and got.stride() == x.stride()
    if x.numel() <= reproducer.MAX_ELEMENTS:
        assert torch.equal(got, x) and "torch.tensor(" in text
    else:  # too many values to show: same shape, dtype and layout, and it says so
        assert "other values" in text and "torch.tensor(" not in text
    assert ("non-contiguous input" in text) == (not x.is_contiguous())
    assert "column(x, -1, keepdim=True)" in text


def test_a_reproducer_keeps_integers_bools_grad_and_nested_values():
    w = torch.tensor([[0.25]], requires_grad=True)
    batch = [(torch.tensor([1, 2, 3]), torch.tensor(0)), (torch.tensor([4]), torch.tensor(1))]
    text = reproducer.build(SentCall("train_step", (w, batch, torch.tensor([True, False]), 0.1, None, (2, -1)), {}))
    (w2, batch2, mask, lr, none, shape), _ = run_snippet(text)
    assert w2.requires_grad and torch.equal(w2, w) and mask.dtype == torch.bool
    assert [(a.tolist(), b.item()) for a, b in batch2] == [([1, 2, 3], 0), ([4], 1)]
    assert (lr, none, shape) == (0.1, None, (2, -1))


def test_a_reproducer_shows_what_the_check_expected_and_got():
    failure = CheckFailure("the result has shape (4, 1); expected (4,)")
    failure.expected, failure.got = torch.tensor([0.5, 2.0]), torch.tensor([[0.5], [2.0]])
    text = reproducer.build(SentCall("double", (torch.tensor([0.25, 1.0]),), {}), failure)
    assert "# expected: float32 tensor of shape (2,) on cpu = [0.5, 2.0]" in text
    assert "# got: float32 tensor of shape (2, 1) on cpu = [[0.5], [2.0]]" in text


def test_a_reproducer_stays_short():
    many = [torch.arange(float(i + 40)) for i in range(60)]
    text = reproducer.build(SentCall("pad_collate", (many,), {}))
    assert len(text) <= reproducer.MAX_CHARS and text.count("\n") < reproducer.MAX_LINES


def test_an_object_is_made_again_by_the_call_that_returned_it():
    from autograder.student import Remote

    made = SentCall("nn.Linear", (4, 2), {})
    layer = Remote(None, 3, None, "Linear", origin=made)
    text = reproducer.build(SentCall("Linear.forward", (torch.zeros(1, 4),), {}, object_type="Linear", owner=layer))
    assert "obj = nn.Linear(4, 2)" in text and "result = obj.forward(x)" in text
    model = Remote(None, 5, None, "MLP", origin=SentCall("make_mlp", (4, 8, 2), {}))
    assert "obj = make_mlp(4, 8, 2)\n" in reproducer.build(SentCall("evaluate", (model, 2), {}))
    assert "result = evaluate(obj, 2)" in reproducer.build(SentCall("evaluate", (model, 2), {}))
    assert "result = list(obj)" in reproducer.build(SentCall("__builtins__.list", (model,), {}))


def test_an_object_that_cannot_be_made_again_is_explained_in_words():
    from autograder.student import Remote

    loader = Remote(None, 3, None, "DataLoader")  # e.g. an element of a tuple the student's function returned
    text = reproducer.build(SentCall("__builtins__.list", (loader,), {}))
    assert text.startswith("# ") and "\n" not in text and "__builtins__" not in text
    assert "list" in text and "DataLoader" in text


# -- grading: reproducers reach Gradescope; stderr is free; messages in Chinese -----

DOUBLE_WRONG = "def double(x):\n    return (x * 2).view(-1, 1)"


def test_a_failed_check_carries_its_reproducer_into_gradescope_output(toy_grader, toy_source):
    result = toy_grader.grade_notebook(with_answers(toy_source, double=DOUBLE_WRONG), Path("s.ipynb"))
    test = next(t for t in result.to_gradescope()["tests"] if t["name"] == "test_double::doubles_values")
    assert test["status"] == "failed"
    message, _, rest = test["output"].partition("\n\n")
    assert message == "the result has shape (4, 1); expected (4,)"
    assert rest.startswith("How to reproduce:\nimport torch\nx = torch.tensor([0.0, 1.0, 2.0, 3.0], dtype=torch.float32)")
    assert "result = double(x)" in rest and "# got: float32 tensor of shape (4, 1)" in rest
    assert test["extra_data"] == {"message": message, "reproducer": rest.split("\n", 1)[1]}


NOISY = """import sys, warnings
warnings.warn("this cell is noisy")
print("a line on stderr", file=sys.stderr)
def {name}(x):
    warnings.warn("deprecated!", DeprecationWarning)
    print("debug output", file=sys.stderr)
    sys.stderr.flush()
    return {body}"""


def test_warnings_on_stderr_cost_no_points(toy_grader, toy_source):
    noisy = with_answers(toy_source, double=NOISY.format(name="double", body="x * 2"),
                         first_row=NOISY.format(name="first_row", body="x[0]"))
    result = toy_grader.grade_notebook(noisy, Path("noisy.ipynb"))
    assert result.score == result.max_score == 3 and result.output == ""


def test_engine_messages_in_chinese(toy_grader, toy_source, language):
    language("zh")
    stub = "def double(x):\n    raise NotImplementedError()"
    result = toy_grader.grade_notebook(with_answers(toy_source, double=stub), Path("s.ipynb"))
    assert result.part("test_double").checks[0].message == "double 还没有实现（它抛出 NotImplementedError）"
    assert "如何复现" not in result.part("test_double").report()  # nothing to reproduce for a missing answer
    assert result.part("test_double").report().startswith("test_double：0 / 2 分")


def test_the_language_comes_from_the_variable_then_the_course_then_the_locale(language, monkeypatch):
    from traitlets.config import Config

    for var in ("AUTOGRADER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "")  # so that monkeypatch restores each, set or not, before `language` resets
        monkeypatch.delenv(var)
    assert i18n.resolve() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.resolve() == "zh"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.resolve() == "en" and i18n.resolve("zh") == "zh"
    monkeypatch.setenv("AUTOGRADER_LANG", "en")
    assert i18n.resolve("zh") == "en"
    monkeypatch.delenv("AUTOGRADER_LANG")
    config = Config()
    config.Autograder.language = "zh_TW"
    assert i18n.configure(config) == "zh" and os.environ["AUTOGRADER_LANG"] == "zh"  # pool workers inherit it
    assert i18n._("How to reproduce:") == "如何复现："
    i18n.set_language("fr")  # no catalogue: English
    assert i18n._("How to reproduce:") == "How to reproduce:"


# -- the catalogue ----------------------------------------------------------------

def test_each_compiled_catalogue_is_fresh_from_its_po_file():
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalogues = sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/autograder.po"))
    assert catalogues
    for po in catalogues:
        with po.open("rb") as handle:
            compiled = io.BytesIO()
            write_mo(compiled, read_po(handle))
        fresh = gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))._catalog
        committed = gettext.GNUTranslations(io.BytesIO(po.with_suffix(".mo").read_bytes()))._catalog
        assert fresh == committed, f"{po.with_suffix('.mo')} is stale: run pybabel compile -d autograder/locale -D autograder"


# -- tutorial sections --------------------------------------------------------------

@pytest.mark.parametrize("assignment", sorted(p.name for p in (REPO / "source").iterdir() if p.is_dir()))
def test_every_graded_part_names_its_tutorial_section(assignment):
    source = nb.read_source(next((REPO / "source" / assignment).glob("*.ipynb")))
    titles = sections(assignment)
    assert set(titles) == {part.grade_id for part in nb.parts(source)}
    assert all(title[0].isdigit() for title in titles.values())  # "2.3 索引操作": the tutorial's numbering


# -- a graded class: report.html, the feedback notebook, and no hidden check source -----

@pytest.fixture(scope="module")
def feedback(graded_class):
    done = subprocess.run([sys.executable, "-m", "autograder", "feedback", CLASS_ASSIGNMENT], cwd=graded_class,
                          capture_output=True, text=True, env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return graded_class


def test_feedback_writes_a_report_beside_nbgrader_feedback_for_every_graded_student(feedback):
    course = Course(feedback)
    for student in ("a-solution", "b-stub", "c-broken", "d-views", "e-masks"):
        folder = report_path(course, CLASS_ASSIGNMENT, student).parent
        # nbgrader copies the other files of autograded/ too: results.json reaches students as well
        assert sorted(p.name for p in folder.iterdir()) == [f"{CLASS_ASSIGNMENT}.html", "report.html", "results.json"]


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


def test_the_feedback_notebook_carries_the_same_information(feedback):
    graded = nbformat.read(str(feedback / "autograded" / "d-views" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.ipynb"), 4)
    reports = "".join(o.get("text", "") for c in graded.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "test_column: " in reports and "(tutorial section: 2.3 索引操作)" in reports
    assert "How to reproduce:" in reports and "column(x, " in reports
    html = (feedback / "feedback" / "d-views" / CLASS_ASSIGNMENT / f"{CLASS_ASSIGNMENT}.html").read_text()
    assert "tutorial section: 2.3" in html and "How to reproduce:" in html


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


def test_a_reproducer_is_offered_for_real_errors_but_not_for_stubs_or_missing_names():
    from autograder.plugin import worth_reproducing
    from autograder.student import StudentError

    assert not worth_reproducing(StudentError("column", "NotImplementedError", ""))  # the released stub
    assert not worth_reproducing(StudentError("column", "NameError", "name 'column' is not defined"))
    # torch's own NotImplementedError for an operation a meta tensor cannot do is the student's bug
    assert worth_reproducing(StudentError("column", "NotImplementedError", "Cannot copy out of meta tensor; no data!"))
    assert worth_reproducing(StudentError("column", "RuntimeError", "shape '[3]' is invalid for input of size 4"))


def test_builtins_and_attributes_of_names_are_written_as_the_student_would():
    from autograder.student import Remote

    model = Remote(None, 5, None, "Sequential", origin=SentCall("make_mlp", (4, 8, 2), {}))
    params = Remote(None, 6, None, "generator", origin=SentCall("Sequential.parameters", (), {},
                                                                 object_type="Sequential", owner=model))
    getattr_ = Remote(None, "__builtins__", "getattr")
    text = reproducer.build(SentCall("__builtins__.map", (getattr_, params, ["_version"]), {}))
    assert "obj = make_mlp(4, 8, 2)" in text and "obj2 = obj.parameters()" in text
    assert "result = map(getattr, obj2, ['_version'])" in text and "__builtins__" not in text
    assert "result = f(nn.ReLU)" in reproducer.build(SentCall("f", (Remote(None, "nn", "ReLU"),), {}))
