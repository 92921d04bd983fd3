"""Known-wrong (mutant) and known-right (alternative) answers, kept to prove the hidden checks.

A corpus file is Python with a comment header and ``# %% <grade_id>`` cells::

    # mistake: reshape silently copies a transposed tensor instead of raising
    # targets: test_strict_view
    # %% strict_view
    def strict_view(x, shape):
        return x.reshape(shape)

Alternatives say ``# why: ...`` and have no ``targets``.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import notebook as nb

CORPUS_FOLDER = Path("tests") / "corpus"  # inside the course repository
CELL_MARK = re.compile(r"^# %% (\S+)\s*$")
HEADER = re.compile(r"^# (mistake|why|targets|base): (.+)$")


@dataclass
class Variant:
    path: Path
    kind: str  # "mutants" or "alternatives"
    description: str
    targets: str | None
    cells: dict[str, str]
    base: str = "solution"  # the notebook the cells go into: "solution" or "release"

    @property
    def name(self) -> str:
        return self.path.stem


def parse(path: Path) -> Variant:
    header: dict[str, str] = {}
    cells: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        mark = CELL_MARK.match(line)
        if mark:
            current = cells.setdefault(mark.group(1), [])
        elif current is not None:
            current.append(line)
        elif HEADER.match(line):
            key, value = HEADER.match(line).groups()
            header[key] = value.strip()
    return Variant(path, path.parent.name, header.get("mistake") or header.get("why", ""), header.get("targets"),
                   {gid: "\n".join(lines).strip() + "\n" for gid, lines in cells.items()}, header.get("base", "solution"))


def variants(course_root: Path, assignment: str, kind: str) -> list[Variant]:
    folder = course_root / CORPUS_FOLDER / assignment / kind
    return [parse(p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []


def apply(solution: nbformat.NotebookNode, cells: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of ``solution`` whose answer cells named in ``cells`` hold the given code."""
    out = copy.deepcopy(solution)
    found = set()
    for cell in out.cells:
        grade_id = nb.nbgrader_meta(cell).get("grade_id")
        if nb.is_solution(cell) and grade_id in cells:
            cell.source = cells[grade_id]
            found.add(grade_id)
    missing = set(cells) - found
    if missing:
        raise ValueError(f"no answer cell named {', '.join(sorted(missing))}")
    return out
