"""Two languages: engine messages in Chinese, how the language is chosen, and compiled catalogues fresh from their .po files."""
import gettext
import io
import os
from pathlib import Path

from autograder import corpus, i18n


def test_engine_messages_in_chinese(toy_grader, toy_source, language):
    language("zh")
    stub = "def double(x):\n    raise NotImplementedError()"
    result = toy_grader.grade_notebook(corpus.apply(toy_source, {"double": stub}), Path("s.ipynb"))
    assert result.part("test_double").checks[0].message == "double 还没有实现（它抛出 NotImplementedError）"
    assert "如何复现" not in result.part("test_double").report()  # nothing to reproduce for a missing answer
    assert result.part("test_double").report().startswith("test_double：0 / 2 分")


def test_the_language_comes_from_the_variable_then_the_course_then_the_locale(language, monkeypatch):
    from traitlets.config import Config

    for var in ("AUTOGRADER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "")  # so that monkeypatch restores each, set or not, before `language` resets
        monkeypatch.delenv(var)
    assert i18n.resolve() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.resolve() == "zh"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.resolve() == "en" and i18n.resolve("zh") == "zh"
    monkeypatch.setenv("AUTOGRADER_LANG", "en")
    assert i18n.resolve("zh") == "en"
    monkeypatch.delenv("AUTOGRADER_LANG")
    config = Config()
    config.Autograder.language = "zh_TW"
    assert i18n.configure(config) == "zh" and os.environ["AUTOGRADER_LANG"] == "zh"  # pool workers inherit it
    assert i18n._("How to reproduce:") == "如何复现："
    i18n.set_language("fr")  # no catalogue: English
    assert i18n._("How to reproduce:") == "How to reproduce:"


# -- the catalogue ----------------------------------------------------------------

def test_each_compiled_catalogue_is_fresh_from_its_po_file():
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalogues = sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/autograder.po"))
    assert catalogues
    for po in catalogues:
        with po.open("rb") as handle:
            compiled = io.BytesIO()
            write_mo(compiled, read_po(handle))
        fresh = gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))._catalog
        committed = gettext.GNUTranslations(io.BytesIO(po.with_suffix(".mo").read_bytes()))._catalog
        assert fresh == committed, f"{po.with_suffix('.mo')} is stale: run pybabel compile -d autograder/locale -D autograder"




def test_pool_processes_speak_the_language_of_the_run_that_started_the_pool(monkeypatch):
    # pool processes are forked from one fork server per process, started with the environment of its day: each pool
    # must still speak the language set when it starts (a grading service's course, a test's setting)
    from autograder.pool import Task, grade_many

    assignment = "01_view_reshape"
    source = Path(__file__).parent.parent / "source" / assignment / f"{assignment}.ipynb"
    stub = Path(__file__).parent.parent / "assignments" / assignment / f"{assignment}.ipynb"
    said = {}
    for lang in ("en", "zh", "en"):
        monkeypatch.setenv("AUTOGRADER_LANG", lang)
        results = [r for _, r in grade_many([Task(assignment, source, stub)] * 2, workers=2)]
        said[lang] = {c.message for r in results for p in r.parts for c in p.checks}
        assert len(said[lang]) >= 1
    assert all(m.startswith("not answered") for m in said["en"])
    assert not said["zh"] & said["en"] and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in said["zh"])
