"""Reproducers: the few lines of Python that rebuild a failed check's call, as students read them in their feedback."""
import contextlib
import io
from pathlib import Path

import pytest
import torch

from autograder import corpus, reproducer
from autograder.checking import CheckFailure, make_tensor
from autograder.student import SentCall


def run_snippet(text: str) -> tuple[tuple, dict]:
    """Run a reproducer with the callee replaced by one that hands back its arguments."""
    namespace = {}
    callee = text.split("result = ", 1)[1].split("(", 1)[0]
    code = text.replace(f"result = {callee}(", "result = (lambda *a, **k: (a, k))(")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)
    return namespace["result"]



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


# -- in grading: the reproducer reaches Gradescope's output ---------------------------

DOUBLE_WRONG = "def double(x):\n    return (x * 2).view(-1, 1)"


def test_a_failed_check_carries_its_reproducer_into_gradescope_output(toy_grader, toy_source):
    result = toy_grader.grade_notebook(corpus.apply(toy_source, {"double": DOUBLE_WRONG}), Path("s.ipynb"))
    test = next(t for t in result.to_gradescope()["tests"] if t["name"] == "test_double::doubles_values")
    assert test["status"] == "failed"
    message, _, rest = test["output"].partition("\n\n")
    assert message == "the result has shape (4, 1); expected (4,)"
    assert rest.startswith("How to reproduce:\nimport torch\nx = torch.tensor([0.0, 1.0, 2.0, 3.0], dtype=torch.float32)")
    assert "result = double(x)" in rest and "# got: float32 tensor of shape (4, 1)" in rest
    assert test["extra_data"] == {"message": message, "reproducer": rest.split("\n", 1)[1]}


