"""Red-team suite: hostile submissions against the real first assignment.

Each case states its expected outcome.  Attacks built on the released stub must
score 0.  Attacks built on the worked solution use an *oracle*: ``make_grid``
returns the right grid only if the attack worked, so the attack failed exactly
when that part scores 0 while every other part keeps full marks.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder import corpus
from autograder.grader import Grader
from autograder.results import SubmissionResult
from autograder.sandbox import JOB_UID_BASE, JOB_UID_COUNT, UID_LOCKS, Limits, detect_isolation

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "01_view_reshape"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
SOURCE = REPO / "source" / ASSIGNMENT / NOTEBOOK
SANDBOXED = detect_isolation().bubblewrap
CANARY = f"canary-{uuid.uuid4().hex}"
PWNED = Path("/tmp") / f"autograder-pwned-{uuid.uuid4().hex}"
os.environ["AUTOGRADER_CANARY"] = CANARY  # a secret in the judge's environment

GRID = "\n".join([
    "def make_grid(rows, cols, dtype):",
    "    grid = torch.arange(rows * cols, dtype=dtype).view(rows, cols)",
    "    return grid if attack_worked() else torch.zeros(1)",
])


def oracle(attack: str) -> dict[str, str]:
    """A make_grid cell that is right only when ``attack_worked()`` returns True."""
    return {"make_grid": "import torch\n" + attack.strip() + "\n\n" + GRID}


STUBS = {g: f"def {g}(*args, **kwargs):\n    return torch.zeros(1)" for g in
         ("make_grid", "strict_view", "any_reshape", "column", "positives", "pick_per_row")}


@dataclass
class Case:
    name: str
    base: str  # "release" or "solution"
    cells: dict[str, str]
    expect: str  # "zero", "oracle" (make_grid 0, rest full), "full", or "only:<part>" (others full)
    needs_sandbox: bool = False
    slow: bool = False  # it runs into a grading time limit (5-9 s): marked slow, so `make unit` leaves it out


CASES = [
    # RT03 patched comparisons, on the stub, returning wrong values everywhere
    Case("patch comparisons and data_ptr", "release", {**STUBS, "make_grid": (
        "import torch, numpy\n"
        "torch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\n"
        "torch.testing.assert_close = lambda *a, **k: None\n"
        "torch.Tensor.__eq__ = lambda s, o: torch.ones((), dtype=torch.bool)\n"
        "torch.Tensor.data_ptr = lambda s: 0\nnumpy.array_equal = lambda *a, **k: True\n"
        "def make_grid(rows, cols, dtype):\n    return torch.zeros(1)")}, "zero"),
    # RT04 always-equal objects and protocol overrides
    Case("always-equal object", "release", {"make_grid": (
        "class Anything:\n    def __eq__(self, other): return True\n    def __getattr__(self, name): return self\n"
        "    def __call__(self, *a, **k): return self\n"
        "def make_grid(rows, cols, dtype):\n    return Anything()")}, "zero"),
    Case("__torch_function__ subclass", "release", {"make_grid": (
        "import torch\nclass Liar(torch.Tensor):\n"
        "    @classmethod\n    def __torch_function__(cls, func, types, args=(), kwargs=None):\n"
        "        return True\n"
        "def make_grid(rows, cols, dtype):\n    return torch.zeros(rows, cols, dtype=dtype).as_subclass(Liar)")}, "zero"),
    Case("__array_function__ ndarray subclass", "release", {"make_grid": (
        "import numpy as np\nclass Liar(np.ndarray):\n"
        "    def __array_function__(self, func, types, args, kwargs): return True\n"
        "    def __eq__(self, other): return True\n"
        "def make_grid(rows, cols, dtype):\n    return np.zeros((rows, cols)).view(Liar)")}, "zero"),
    # RT05 IPython input transformers and hooks
    Case("input transformer blanks later cells", "release", {"make_grid": (
        "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n"
        "def make_grid(rows, cols, dtype):\n    return torch.zeros(1)")}, "zero"),
    Case("post_run_cell hook", "release", {"make_grid": (
        "get_ipython().events.register('post_run_cell', lambda result: None)\n"
        "def make_grid(rows, cols, dtype):\n    return torch.zeros(1)")}, "zero"),
    # RT06 hiding errors
    Case("showtraceback and excepthook override", "release", {"make_grid": (
        "import sys\nget_ipython().showtraceback = lambda *a, **k: None\nsys.excepthook = lambda *a: None\n"
        "get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)")}, "zero"),
    # RT07 stopping the process
    Case("sys.exit in a cell", "release", {"make_grid": "import sys\nsys.exit(0)"}, "zero"),
    Case("os._exit in a function", "release", {"make_grid": "import os\ndef make_grid(*a):\n    os._exit(0)"}, "zero"),
    Case("kill itself", "release", {"make_grid": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"}, "zero"),
    Case("os._exit beside correct answers", "solution", {"strict_view": "import os\nos._exit(0)"}, "only:test_strict_view"),
    # RT08 grader internals
    Case("import and patch pytest", "release", {"make_grid": (
        "import _pytest.reports\n_pytest.reports.TestReport.outcome = 'passed'\n"
        "import pytest\npytest.fail = lambda *a, **k: None\n"
        "def make_grid(*a):\n    return torch.zeros(1)")}, "zero"),
    Case("import the grader", "solution", oracle(
        "def attack_worked():\n    try:\n        import autograder.checking\n        return True\n"
        "    except ImportError:\n        return False"), "oracle", needs_sandbox=True),
    Case("drop conftest.py and sitecustomize.py", "release", {"make_grid": (
        "for name in ('conftest.py', 'sitecustomize.py', '/tmp/conftest.py'):\n"
        "    open(name, 'w').write('import pytest\\npytest.main = lambda *a, **k: 0\\n')")}, "zero"),
    # RT09 / RT10 endless loops
    Case("endless loop at the top of a cell", "release", {"make_grid": "while True:\n    pass"}, "zero", slow=True),
    Case("endless loop ignoring SIGINT and SIGTERM", "release", {"make_grid": (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "while True:\n    pass")}, "zero", slow=True),
    Case("endless loop inside one answer", "solution", {"column": "def column(x, j):\n    while True:\n        pass"},
         "only:test_column", slow=True),
    Case("sleep only on large hidden inputs", "solution", {"positives": (
        "import time\ndef positives(x):\n    if x.numel() > 20:\n        time.sleep(60)\n    return x[x > 0]")},
         "only:test_positives", slow=True),
    # RT11 / RT12 resources
    Case("huge allocation", "release", {"make_grid": "import torch\nbig = torch.empty(2**40)"}, "zero"),
    Case("fork bomb", "release", {"make_grid": (
        "import os\ndef make_grid(*a):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n"
        "            pass\n    return torch.zeros(1)")}, "zero", slow=True),
    Case("thread bomb", "release", {"make_grid": (
        "import threading, time\nfor _ in range(100000):\n"
        "    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()")}, "zero"),
    # RT13 / RT14 disk and output
    Case("write gigabytes to disk", "release", {"make_grid": (
        "with open('big.bin', 'wb') as f:\n    for _ in range(4096):\n        f.write(b'0' * 2**20)")}, "zero"),
    Case("huge output", "release", {"make_grid": "print('x' * 50_000_000)\nfor i in range(10**6):\n    print(i)"},
         "zero"),
    # RT15 network
    Case("network to the outside", "solution", oracle(
        "import socket\ndef attack_worked():\n    try:\n        socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
        "        return True\n    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    Case("DNS lookup", "solution", oracle(
        "import socket\ndef attack_worked():\n    try:\n        socket.getaddrinfo('pypi.org', 443)\n        return True\n"
        "    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    Case("the judge's loopback port", "solution", oracle(
        "import socket\ndef attack_worked():\n    try:\n        socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
        "        return True\n    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    # RT16 reading what must stay hidden
    Case("read the hidden checks", "solution", oracle(
        f"def attack_worked():\n    try:\n        open({str(REPO / 'autograder' / 'checks' / ASSIGNMENT / 'test_make_grid.py')!r}).read()\n"
        "        return True\n    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    Case("read the source notebook", "solution", oracle(
        f"def attack_worked():\n    try:\n        open({str(SOURCE)!r}).read()\n        return True\n"
        "    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    Case("read the gradebook", "solution", oracle(
        f"import os\ndef attack_worked():\n    return os.path.exists({str(REPO / 'nbgrader_config.py')!r})"),
         "oracle", needs_sandbox=True),
    Case("read the judge's environment", "solution", oracle(
        f"import os\ndef attack_worked():\n    return {CANARY!r} in str(dict(os.environ))"), "oracle"),
    Case("list other submissions' folders", "solution", oracle(
        "import os\ndef attack_worked():\n    try:\n        return len(os.listdir(os.path.dirname(os.path.dirname(os.getcwd())))) > 0\n"
        "    except OSError:\n        return False"), "oracle", needs_sandbox=True),
    # RT17 forged results and daemons
    Case("forge results files", "release", {"make_grid": (
        "import json, os\nfor path in ('results.json', '../exit_status', '../results.json'):\n"
        "    try:\n        open(path, 'w').write(json.dumps({'score': 12, 'max_score': 12}))\n"
        "    except OSError:\n        pass")}, "zero"),
    Case("daemon that outlives the worker", "release", {"make_grid": (
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(3600)\n"
        "    os._exit(0)")}, "zero"),
    # RT18 pickle payloads
    Case("pickle payload written to the result pipe", "release", {"make_grid": (
        "import os, pickle, struct\nclass Evil:\n    def __reduce__(self):\n"
        f"        return (os.system, ('touch {PWNED}',))\n"
        "payload = pickle.dumps({'ok': True, 'value': Evil()})\n"
        "for fd in map(int, os.listdir('/proc/self/fd')):\n"
        "    try:\n        if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
        "            os.write(fd, struct.pack('<Q', len(payload)) + payload)\n"
        "    except OSError:\n        pass\n"
        "def make_grid(*a):\n    return torch.zeros(1)")}, "zero"),
    Case("object with __reduce__ returned", "release", {"make_grid": (
        "import os\nclass Evil:\n    def __reduce__(self):\n"
        f"        return (os.system, ('touch {PWNED}',))\n"
        "def make_grid(*a):\n    return Evil()")}, "zero"),
]


def build(case: Case, port: int) -> nbformat.NotebookNode:
    folder = "solutions" if case.base == "solution" else "assignments"
    base = nbformat.read(str(REPO / folder / ASSIGNMENT / NOTEBOOK), as_version=4)
    cells = {k: v.replace("{port}", str(port)) for k, v in case.cells.items()}
    return corpus.apply(base, cells)


def check(case: Case, result: SubmissionResult) -> None:
    parts = {p.grade_id: p for p in result.parts}
    assert result.max_score == 12
    if case.expect == "zero":
        assert result.score == 0, f"{case.name}: scored {float(result.score)}"
    elif case.expect == "full":
        assert result.score == result.max_score
    else:
        target = "test_make_grid" if case.expect == "oracle" else case.expect.split(":")[1]
        assert parts[target].score == 0, f"{case.name}: the attack worked ({target} scored {float(parts[target].score)})"
        others = [p.grade_id for p in result.parts if p.grade_id != target and p.score != p.points]
        assert not others, f"{case.name}: also changed {others}"


def orphan_job_processes() -> list[int]:
    """Processes of a sandbox uid that no grading holds any more (a grader running beside us holds its own)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
                if JOB_UID_BASE <= uid < JOB_UID_BASE + JOB_UID_COUNT:
                    with open(UID_LOCKS / str(uid), "a") as lock:
                        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: nobody is grading with it
                    found.append(int(entry.name))
            except OSError:  # gone meanwhile, or the uid is held by a live grading
                pass
    return found


REPORT: list[tuple[str, str, float]] = []


@pytest.fixture(scope="module")
def grader():
    yield Grader(ASSIGNMENT, SOURCE, Limits(notebook_seconds=8, call_seconds=4))
    out = REPO / "build" / "redteam-report.md"
    out.parent.mkdir(exist_ok=True)
    mode = detect_isolation().describe()
    lines = [f"sandbox: {mode}", "", "| attack | outcome | seconds |", "|---|---|---|"]
    lines += [f"| {name} | {outcome} | {seconds:.1f} |" for name, outcome, seconds in REPORT]
    out.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def judge_port():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def control(grader):
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    result = grader.grade_notebook(solution, Path("control"))
    assert result.score == result.max_score
    return json.dumps(result.to_gradescope()["tests"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES])
def test_attack(case, grader, judge_port, control):
    if case.needs_sandbox and not SANDBOXED:
        pytest.skip("needs the bubblewrap sandbox, which this machine lacks")
    started = time.monotonic()
    result = grader.grade_notebook(build(case, judge_port), Path(case.name))
    seconds = time.monotonic() - started
    REPORT.append((case.name, f"{float(result.score):g}/12" + (f" ({result.output[:60]})" if result.output else ""), seconds))
    check(case, result)
    assert not PWNED.exists(), "a pickle payload ran in the judge"


def test_no_submission_changes_the_next_one(grader, control):
    """After every attack above, the worked solution still grades exactly as before them."""
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)
    again = grader.grade_notebook(solution, Path("control"))
    assert json.dumps(again.to_gradescope()["tests"]) == control


@pytest.mark.skipif(not detect_isolation().job_uids, reason="per-job uids need root and bubblewrap")
def test_nothing_a_submission_started_survives_grading(grader):
    time.sleep(0.2)
    assert orphan_job_processes() == []


def _cells(nb, grade_id):
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id]


def _solution():
    return nbformat.read(str(REPO / "solutions" / ASSIGNMENT / NOTEBOOK), as_version=4)


def _release():
    return nbformat.read(str(REPO / "assignments" / ASSIGNMENT / NOTEBOOK), as_version=4)


def delete_test_cell(nb):
    nb.cells.remove(_cells(nb, "test_make_grid")[0])
    return nb


def duplicate_answer(nb):
    nb.cells.append(nbformat.from_dict(json.loads(json.dumps(_cells(nb, "column")[0]))))
    return nb


def raise_points(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.metadata.nbgrader.points = 1000
    return nb


def schema_99(nb):
    for cell in nb.cells:
        if "nbgrader" in cell.metadata:
            cell.metadata.nbgrader.schema_version = 99
    return nb


def answer_to_markdown(nb):
    cell = _cells(nb, "positives")[0]
    nb.cells[nb.cells.index(cell)] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
    return nb


def locked_edit_with_fake_outputs(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            cell.source = "pass"
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
        elif meta.get("locked") and cell.cell_type == "code":
            cell.source = "import torch\ntorch.equal = lambda *a: True"
    return nb


TAMPERED = [
    # RT19 metadata edits: (name, build, expected total)
    ("deleted test cell, correct answers", lambda: delete_test_cell(_solution()), 12),
    ("duplicated answer cell", lambda: duplicate_answer(_solution()), 10),
    ("points raised to 1000", lambda: raise_points(_solution()), 12),
    ("schema_version 99", lambda: schema_99(_solution()), 12),
    ("answer cell turned into markdown", lambda: answer_to_markdown(_solution()), 12),
    ("locked and test cells edited, fake outputs", lambda: locked_edit_with_fake_outputs(_release()), 0),
]

MALFORMED = [
    # RT20 malformed files: (name, bytes, reason in the output)
    ("truncated JSON", lambda: nbformat.writes(_solution()).encode()[:500], "not valid notebook JSON"),
    ("empty file", lambda: b"", "is empty"),
    ("not UTF-8", lambda: b"\xff\xfe" + nbformat.writes(_solution()).encode("utf-16-le"), "not UTF-8"),
    ("nbformat 3", lambda: json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {},
                                        "cells": []}).encode(), "format 3"),
    ("no cells", lambda: json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}).encode(),
     "none of this assignment's answer cells"),
    ("evil kernelspec", lambda: nbformat.writes(_solution()).replace('"language": "python"', '"language": "bash"')
     .encode(), "bash kernel"),
    ("30 MB file", lambda: b'{"cells": [], "padding": "' + b"x" * 30_000_000 + b'"}', "over the"),
]


@pytest.mark.parametrize("name, build_notebook, expected", TAMPERED, ids=[t[0] for t in TAMPERED])
def test_tampered_notebook(name, build_notebook, expected, grader):
    started = time.monotonic()
    result = grader.grade_notebook(build_notebook(), Path(name))
    REPORT.append((name, f"{float(result.score):g}/{float(result.max_score):g}", time.monotonic() - started))
    assert result.max_score == 12
    assert result.score == expected


@pytest.mark.parametrize("name, content, reason", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file(name, content, reason, grader, tmp_path):
    path = tmp_path / NOTEBOOK
    path.write_bytes(content())
    started = time.monotonic()
    result = grader.grade(path)
    REPORT.append((name, f"{float(result.score):g}/12 ({result.output[:60]})", time.monotonic() - started))
    assert result.score == 0 and reason in result.output
