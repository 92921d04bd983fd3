"""Which section of the course tutorial each graded part practises, from ``checks/<assignment>/sections.toml``.

The file maps a graded cell's ``grade_id`` to the tutorial's section number and title (in Chinese,
as the tutorial writes them); feedback shows it beside every part so a student knows where to reread.
"""
from __future__ import annotations

import tomllib
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
