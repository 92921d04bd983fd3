"""An assignment's check folder holds its own helpers.py, which its test files import as ``checks_<folder>``:
one module per folder, whatever order assignments are graded in within one process."""
import contextlib
import importlib.util
import io
import os
import sys
from pathlib import Path

import pytest

from autograder.course import CHECKS_ROOT


def checks_conftest():
    spec = importlib.util.spec_from_file_location("_checks_conftest", CHECKS_ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_pytest(folder, root, *extra) -> int:
    """As the engine runs checks (judge._arguments): importlib import mode, rootdir above the folder."""
    args = [str(folder), "-q", "-p", "no:cacheprovider", "--import-mode=importlib", "--rootdir", str(root),
            "-c", os.devnull, "--confcutdir", str(root), *extra]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return pytest.main(args)


def test_helpers_of_folders_with_the_same_names_never_stand_in_for_each_other(tmp_path):
    for folder in ("01_first", "02_second"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "helpers.py").write_text(f"def who():\n    return {folder!r}\n")
        (tmp_path / folder / "test_same_name.py").write_text(
            f"from checks_{folder} import who\n\n\ndef test_own_helpers():\n    assert who() == {folder!r}\n")
    finder = checks_conftest().AssignmentHelpers(tmp_path)
    sys.meta_path.append(finder)
    try:
        for folder in ("01_first", "02_second", "01_first", "02_second", "01_first"):
            assert run_pytest(tmp_path / folder, tmp_path, "--collect-only") == 0
            assert run_pytest(tmp_path / folder, tmp_path) == 0, folder
        assert sys.modules["checks_01_first"].who() == "01_first"
        assert sys.modules["checks_02_second"].who() == "02_second"
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n.startswith(("checks_01_first", "checks_02_second", "01_first",
                                                             "02_second"))]:
            del sys.modules[name]


def test_each_assignment_imports_the_helpers_in_its_own_folder():
    from autograder.grader import Grader

    folders = sorted(p.name for p in CHECKS_ROOT.iterdir() if (p / "helpers.py").is_file())
    assert len(folders) >= 2
    counts = {}
    for folder in folders + folders[:1]:  # one after another, then the first again, as one process grades them
        source = next((CHECKS_ROOT.parent.parent / "source" / folder).glob("*.ipynb"))
        names = Grader(folder, source).check_names()
        assert counts.setdefault(folder, len(names)) == len(names) > 0
        helpers = Path(sys.modules[f"checks_{folder}"].__file__)
        assert helpers.resolve() == (CHECKS_ROOT / folder / "helpers.py").resolve()


def test_installing_the_finder_again_adds_none():
    conftest = checks_conftest()
    before = len(sys.meta_path)
    conftest.install_helpers_finder(CHECKS_ROOT)
    checks_conftest()
    assert len(sys.meta_path) == before
