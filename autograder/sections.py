"""Which section of the course tutorial each graded part practises, from ``checks/<assignment>/sections.toml``.

The file maps a graded cell's ``grade_id`` to the tutorial's section number and title (in Chinese,
as the tutorial writes them); feedback shows it beside every part so a student knows where to reread.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from functools import cache

from .course import UsageError, checks_dir

FILE = "sections.toml"


@cache
def sections(assignment: str) -> dict[str, str]:
    """``grade_id`` → tutorial section; empty when the assignment has no sections file."""
    path = checks_dir(assignment) / FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML ({exc}); write one line per part: test_name = \"2.2 修改Tensor形状\"") from None
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


# -- the README's coverage table: every tutorial section and the parts that grade it ----------

TUTORIAL = Path(__file__).with_name("tutorial.toml")
START, END = "<!-- coverage: python -m autograder.sections --readme -->", "<!-- end of coverage -->"


def coverage(assignments: list[str]) -> list[tuple[dict, list[str]]]:
    """Each tutorial section (``tutorial.toml``) with the parts whose section line starts with it, per assignment.

    A part matches the longest ``match`` it starts with, so "4.2.1 nn.Module" is not also counted under "4.2 …".
    """
    tutorial = tomllib.loads(TUTORIAL.read_text(encoding="utf-8"))["section"]
    parts: dict[str, dict[str, list[str]]] = {s["match"]: {} for s in tutorial}
    for assignment in assignments:
        for grade_id, title in sections(assignment).items():
            found = [s["match"] for s in tutorial if title.startswith(s["match"])]
            if not found:
                raise UsageError(f"{checks_dir(assignment) / FILE}: {grade_id} = {title!r} names no section of "
                                 f"{TUTORIAL.name}; start it with one of its `match` strings")
            parts[max(found, key=len)].setdefault(assignment, []).append(grade_id.removeprefix("test_"))
    return [(s, [f"`{a}`: {', '.join(names)}" for a, names in parts[s["match"]].items()]) for s in tutorial]


def coverage_table(assignments: list[str]) -> str:
    rows = ["| tutorial section | what | graded by |", "|---|---|---|"]
    for section, graded in coverage(assignments):
        by = "; ".join(graded) if graded else f"not graded: {section.get('uncovered', 'NOT COVERED')}"
        if section.get("offline"):
            by += f" ({section['offline']})"
        rows.append(f"| {section['match']} | {section['about']} | {by} |")
    return "\n".join(rows)


def with_table(readme: str, assignments: list[str]) -> str:
    """``readme`` with the text between the coverage markers replaced by the current table."""
    head, sep, rest = readme.partition(START)
    _, sep2, tail = rest.partition(END)
    if not (sep and sep2):
        raise UsageError(f"README.md: put the markers {START} and {END} where the coverage table goes")
    return f"{head}{START}\n{coverage_table(assignments)}\n{END}{tail}"


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parent.parent
    names = sorted(p.name for p in (root / "source").iterdir() if p.is_dir())
    if sys.argv[1:] == ["--readme"]:
        readme = root / "README.md"
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), names), encoding="utf-8")
    else:
        print(coverage_table(names))
