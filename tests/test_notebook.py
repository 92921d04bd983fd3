"""Reading submissions and rebuilding them against the source notebook."""
import json

import nbformat
import pytest

from autograder import corpus
from autograder import notebook as nb


def write(tmp_path, content, name="sub.ipynb"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        ('{"cells": [', "not valid notebook JSON"),
        ('["a", "list"]', "not a Jupyter notebook"),
        ('{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "cells": []}', "notebook format 3"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "R", "name": "ir"}}, "cells": []}', "R kernel"),
        ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}', "cell 1 is malformed"),
    ],
)
def test_malformed_files_give_one_line_reasons(tmp_path, content, reason):
    with pytest.raises(nb.MalformedSubmission) as info:
        nb.load_submission(write(tmp_path, content))
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(nb, "MAX_NOTEBOOK_BYTES", 100)
    with pytest.raises(nb.MalformedSubmission, match="over the"):
        nb.load_submission(write(tmp_path, "{" + " " * 200 + "}"))


def test_missing_file(tmp_path):
    with pytest.raises(nb.MalformedSubmission, match="cannot read"):
        nb.load_submission(tmp_path / "nope.ipynb")


def test_parts_own_the_answer_cells_before_them(toy_source):
    parts = nb.parts(toy_source)
    assert [(p.grade_id, p.points, p.solution_ids) for p in parts] == [
        ("test_double", 2.0, ["double"]),
        ("test_first_row", 1.0, ["first_row"]),
    ]


def test_rebuild_takes_only_answer_cells_from_the_submission(toy_source):
    submission = corpus.apply(toy_source, {"double": "def double(x):\n    return x + x"})
    for cell in submission.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "setup":
            cell.source = "import torch\ntorch.equal = lambda *a: True"  # an edited locked cell
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_double":
            cell.source = "pass"
            cell.metadata["nbgrader"]["points"] = 100
    rebuilt = nb.rebuild(toy_source, submission)
    sources = [c.source for c in rebuilt.cells]
    assert sources[0] == "import torch"  # locked cells come from source
    assert "def double(x):\n    return x + x" in sources
    assert all("pass" != s for s in sources)  # test cells are not run
    assert not any("sleep" in s for s in sources)  # demo cells are skipped
    assert rebuilt.problems == {}
    assert nb.parts(toy_source)[0].points == 2.0


def test_missing_and_duplicated_answer_cells_are_problems_of_their_part(toy_source):
    submission = nbformat.from_dict(json.loads(nbformat.writes(toy_source)))
    first_row = next(c for c in submission.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "first_row")
    double = next(c for c in submission.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "double")
    submission.cells.remove(first_row)
    submission.cells.append(nbformat.from_dict(json.loads(json.dumps(double))))
    rebuilt = nb.rebuild(toy_source, submission)
    assert "missing" in rebuilt.problems["first_row"]
    assert "appears 2 times" in rebuilt.problems["double"]


def test_a_notebook_of_another_assignment_is_malformed(toy_source):
    other = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(nb.MalformedSubmission, match="none of this assignment's answer cells"):
        nb.rebuild(toy_source, other)
