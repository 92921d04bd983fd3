"""Settings shared by every assignment's hidden checks, and the import of each assignment's own helpers.

Derandomized hypothesis makes a submission's score the same on every run and
every machine; no example database is written next to the checks.  A failing
check is not shrunk: the student reads the check's message, not the example,
and shrinking would call a broken submission hundreds of times.

An assignment's folder may hold ``helpers.py``: what only that assignment's checks use. Its test files import
it as ``checks_<folder>`` (``from checks_06_optimizer_loop import same``): one module name per folder, so the
helpers of assignments graded one after another, or interleaved, in one process never stand in for each other.
A folder name starts with digits and is no package, hence the finder below rather than a plain import.
"""
import importlib.abc
import importlib.util
import sys
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants

# Hypothesis mixes "local constants" into its draws: numbers and strings from the source of every module outside
# site-packages that the process has imported when it draws.  For the judge those are the grader's own modules
# (an editable install) and the checks' helpers, and which of them a process has imported differs (one worker in
# the command's own process, a pool's process, the grading service after another assignment): a check would
# draw other inputs there, and a score could depend on --workers.  Every process draws with none mixed in
# (hypothesis pinned in pyproject.toml; tests/test_examples.py checks that the draws stay put).
NO_LOCAL_CONSTANTS = Constants()
providers._get_local_constants = lambda: NO_LOCAL_CONSTANTS
providers.CONSTANTS_CACHE.cache.clear()

settings.register_profile(
    "grading",
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("grading")

HELPERS_PREFIX = "checks_"


class AssignmentHelpers(importlib.abc.MetaPathFinder):
    """Finds ``checks_<folder>`` as ``<root>/<folder>/helpers.py``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(HELPERS_PREFIX) or "." in name:
            return None
        file = self.root / name[len(HELPERS_PREFIX):] / "helpers.py"
        return importlib.util.spec_from_file_location(name, file) if file.is_file() else None


def install_helpers_finder(root: Path) -> None:
    """Once per process and checks root: pytest imports this conftest again for every grading session."""
    if not any(getattr(finder, "root", None) == root.resolve() and type(finder).__name__ == AssignmentHelpers.__name__
               for finder in sys.meta_path):
        sys.meta_path.append(AssignmentHelpers(root))


install_helpers_finder(Path(__file__).resolve().parent)
