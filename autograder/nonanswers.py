"""Answers that do nothing, generated for every part: ``autograder verify`` proves each earns 0 points.

Each kind replaces every answer cell of the worked solution at once: the function (or class) the cell
defines keeps its name and parameters, and its body does nothing useful: returns ``None``, a constant
tensor, its first argument unchanged, an object equal to everything, or a tensor whose every torch
operation answers ``True``; a class keeps its bases and gets no layers at all. Nothing here is written
per assignment: a new part is covered by being an answer cell.
"""
from __future__ import annotations

import ast
import copy
import textwrap

# kind -> (the expression every generated function or method returns, the lines it needs first)
EQUAL_TO_EVERYTHING = '''\
class _EqualToEverything:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = object.__hash__
    def __bool__(self): return True
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __call__(self, *args, **kwargs): return self
    def __getattr__(self, name): return self
    def __float__(self): return 0.0
    def __index__(self): return 0
'''
TRUE_TENSOR = '''\
class _TrueTensor(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True
'''
FIRST_ARGUMENT = object()  # the function's first parameter (after ``self``), ``None`` without one
KINDS: dict[str, tuple[object, str]] = {
    "returns_none": ("None", ""),
    "returns_zeros": ("torch.zeros(1)", ""),
    "returns_first_argument": (FIRST_ARGUMENT, ""),
    "equal_to_everything": ("_EqualToEverything()", EQUAL_TO_EVERYTHING),
    "torch_function_true": ("torch.zeros(1).as_subclass(_TrueTensor)", TRUE_TENSOR),
    "empty_module": ("torch.nn.Module()", ""),  # a class keeps its bases and has nothing else
}


def _signature(function: ast.FunctionDef) -> str:
    """``name(params)`` without annotations (they could name what the answer cell imported)."""
    args = copy.deepcopy(function.args)
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
        if arg is not None:
            arg.annotation = None
    return f"{function.name}({ast.unparse(args)})"


def _returned(function: ast.FunctionDef, expression: object, method: bool) -> str:
    if expression is FIRST_ARGUMENT:
        params = [a.arg for a in [*function.args.posonlyargs, *function.args.args]][1 if method else 0:]
        return params[0] if params else "None"
    return str(expression)


def _function(function: ast.FunctionDef, expression: object, method: bool = False) -> str:
    if method and function.name == "__init__":
        body = "super().__init__()"
    else:
        body = f"return {_returned(function, expression, method)}"
    return f"def {_signature(function)}:\n    {body}\n"


def _class(node: ast.ClassDef, kind: str, expression: object) -> str:
    bases = ", ".join(ast.unparse(b) for b in node.bases)
    head = f"class {node.name}({bases}):\n" if bases else f"class {node.name}:\n"
    methods = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if kind == "empty_module" or not methods:
        return head + "    def __init__(self, *args, **kwargs):\n        super().__init__()\n"
    return head + "".join(textwrap.indent(_function(m, expression, method=True), "    ") for m in methods)


def non_answer(answer: str, kind: str) -> str:
    """The answer cell ``answer`` rewritten as the non-answer ``kind`` (imports kept, other statements dropped)."""
    expression, prelude = KINDS[kind]
    pieces = []
    for node in ast.parse(answer).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            pieces.append(ast.unparse(node) + "\n")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pieces.append(_function(node, expression))
        elif isinstance(node, ast.ClassDef):
            pieces.append(_class(node, kind, expression))
    return "\n".join([prelude, *pieces] if prelude else pieces) or "pass\n"
