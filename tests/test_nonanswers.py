"""Generated non-answers: each keeps the names and parameters of the answer cell and does nothing useful."""
import ast

import pytest
import torch

from autograder import nonanswers

FUNCTION = "import math\n\ndef huber(x: torch.Tensor, delta: float = 1.0) -> torch.Tensor:\n    return x * delta\n"
CLASS = ("class MLP(nn.Module):\n    def __init__(self, n: int):\n        super().__init__()\n        self.fc = nn.Linear(n, 1)\n\n"
         "    def forward(self, x):\n        return self.fc(x)\n")


def run(code: str) -> dict:
    names = {"torch": torch, "nn": torch.nn}
    exec(compile(code, "<answer>", "exec"), names)
    return names


@pytest.mark.parametrize("kind", sorted(nonanswers.KINDS))
def test_a_function_keeps_its_name_and_parameters_and_does_nothing(kind):
    code = nonanswers.non_answer(FUNCTION, kind)
    assert "x * delta" not in code and "import math" in code
    huber = run(code)["huber"]
    x = torch.arange(3.0)
    got = huber(x, delta=2.0)
    if kind == "returns_first_argument":
        assert got is x
    elif kind == "equal_to_everything":
        assert got == 42 and got == "anything" and not (got != x)
    elif kind == "torch_function_true":
        assert isinstance(got, torch.Tensor) and torch.equal(got, x) is True
    elif kind == "empty_module":
        assert isinstance(got, torch.nn.Module) and not list(got.parameters())
    else:
        assert got is None or torch.equal(got, torch.zeros(1))


@pytest.mark.parametrize("kind", sorted(nonanswers.KINDS))
def test_a_class_keeps_its_bases_and_has_no_layers(kind):
    MLP = run(nonanswers.non_answer(CLASS, kind))["MLP"]
    model = MLP(4)
    assert isinstance(model, torch.nn.Module) and not list(model.parameters())


def test_every_kind_parses_for_every_answer_cell_of_the_course():
    from pathlib import Path

    from autograder import notebook as nb

    for path in sorted(Path(__file__).parent.parent.glob("solutions/*/*.ipynb")):
        for cell in nb.read_source(path).cells:
            if nb.is_solution(cell):
                for kind in nonanswers.KINDS:
                    ast.parse(nonanswers.non_answer(cell.source, kind))
