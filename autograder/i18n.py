"""Student- and instructor-facing text in English or Chinese, through a standard gettext catalogue.

English strings in the code are the message ids; ``locale/<lang>/LC_MESSAGES/autograder.po``
translates them (compiled to ``.mo`` beside it with ``pybabel compile -d autograder/locale -D autograder``).
The language is, in order: ``AUTOGRADER_LANG``, the course's ``c.Autograder.language``,
the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
Hidden checks' messages are in the same catalogue: ``fail(message, **values)`` and
``expect(condition, message, **values)`` (checking.py) take an English literal with ``{name}``
placeholders, extracted like ``_()``. ``python -m autograder.catalogue`` lists what lacks a translation
and merges translated entries.
"""
from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "autograder"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "zh")
ENV_VAR = "AUTOGRADER_LANG"

# babel's keywords: where message ids stand in the code (fail's first argument, expect's second)
KEYWORDS = {"_": None, "fail": None, "expect": (2,), "_fail_compared": None}
METHOD_MAP = [("**.py", "python"), ("templates/**.j2", "jinja2")]
OPTIONS_MAP = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}

_active: _gettext.NullTranslations | None = None
_active_language = ""


def normalize(value: str | None) -> str | None:
    """``zh_CN.UTF-8`` → ``zh``; ``C``/``POSIX`` → ``en``; a language we have no catalogue for → None."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("c", "posix"):
        return "en"
    return code if code in LANGUAGES else None


def resolve(configured: str | None = None) -> str:
    """The language to use: the environment variable, then the course's setting, then the locale."""
    for value in (os.environ.get(ENV_VAR), configured):
        if value and normalize(value):
            return normalize(value)  # type: ignore[return-value]
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalize(os.environ[var]) or "en"
    return "en"


def translations(language: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language], fallback=True)


def set_language(language: str) -> None:
    global _active, _active_language
    _active, _active_language = translations(language), language


def configure(config) -> str:
    """Use the course's language (a traitlets config) here and in every process started from here."""
    language = resolve(config.Autograder.get("language") if config is not None else None)
    os.environ[ENV_VAR] = language  # pool processes read it from the environment a pool starts with
    set_language(language)
    return language


def language() -> str:
    if _active is None:
        set_language(resolve())
    return _active_language


def catalogue() -> _gettext.NullTranslations:
    """The active translations (for Jinja2's i18n extension)."""
    if _active is None:
        set_language(resolve())
    return _active  # type: ignore[return-value]


def _(message: str) -> str:
    """The message in the active language (English when there is no translation)."""
    if _active is None:
        set_language(resolve())
    return _active.gettext(message)  # type: ignore[union-attr]


def ngettext(singular: str, plural: str, n: int) -> str:
    if _active is None:
        set_language(resolve())
    return _active.ngettext(singular, plural, n)  # type: ignore[union-attr]


def extract() -> dict[str, list[str]]:
    """Every message id in the engine, its pages and the hidden checks, with where it stands."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    root = Path(__file__).parent
    for filename, line, message, _comments, _context in extract_from_dir(str(root), METHOD_MAP, OPTIONS_MAP, KEYWORDS):
        if isinstance(message, str):
            found.setdefault(message, []).append(f"{filename}:{line}")
    return found
