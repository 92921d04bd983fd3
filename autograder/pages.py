"""HTML pages (student feedback, class report) rendered with Jinja2 in the active language."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import jinja2

from . import i18n

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), extensions=["jinja2.ext.i18n"],
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(template: str, **context: object) -> str:
    language = i18n.language()
    return _environment(language).get_template(template).render(lang=language, **context)


def write(path: Path, text: str) -> Path:
    """Write a page whole or not at all (a reader never sees half a page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path
