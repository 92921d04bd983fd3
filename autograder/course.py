"""Where a course's files are, read from its ``nbgrader_config.py`` through nbgrader itself."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"
CHECKS_ROOT = Path(__file__).parent / "checks"


class UsageError(Exception):
    """A mistake in how the command was called; reported in one line with exit code 2."""


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` holding ``nbgrader_config.py``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise UsageError(f"no {CONFIG_FILE} in {here} or above: run this inside a course folder or pass --course DIR")


class Course:
    def __init__(self, root: Path | None = None, db_url: str | None = None) -> None:
        self.root = find_root(root)
        config = self.config = load_config(self.root)
        config.CourseDirectory.root = str(self.root)
        if db_url:
            config.CourseDirectory.db_url = db_url
        from nbgrader.coursedir import CourseDirectory  # importing nbgrader takes a second: not for find_root

        self.dirs = CourseDirectory(config=config)

    @property
    def course_id(self) -> str:
        return self.dirs.course_id

    @property
    def db_url(self) -> str:
        return self.dirs.db_url

    def folder(self, step: str, assignment: str, student: str = ".") -> Path:
        return Path(os.path.normpath(self.dirs.format_path(step, student, assignment)))

    def assignments(self) -> list[str]:
        source = self.root / self.dirs.source_directory
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) if source.is_dir() else []

    def check_assignment(self, assignment: str) -> None:
        if assignment not in self.assignments():
            known = ", ".join(self.assignments()) or "none"
            raise UsageError(f"unknown assignment '{assignment}' (known: {known})")
        if not checks_dir(assignment).is_dir():
            raise UsageError(f"assignment '{assignment}' has no hidden checks in {checks_dir(assignment)}")

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted(self.folder(self.dirs.source_directory, assignment).glob("*.ipynb"))

    def submissions(self, assignment: str) -> list[tuple[str, Path]]:
        """``(student, notebook path)`` for every submitted notebook of ``assignment``."""
        pattern = self.dirs.format_path(self.dirs.submitted_directory, "*", assignment)
        found = []
        for folder in sorted(Path("/").glob(pattern.lstrip("/"))):
            student = folder.relative_to(self.root / self.dirs.submitted_directory).parts[0]
            for notebook in self.source_notebooks(assignment):
                found.append((student, folder / notebook.name))
        return found


def load_config(root: Path) -> Config:
    try:
        return PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    except Exception as exc:  # it is Python: any error at all is the file's, and the instructor's to fix
        where = f" (line {exc.lineno})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        raise UsageError(f"{root / CONFIG_FILE}{where}: {type(exc).__name__}: {getattr(exc, 'msg', None) or exc}; "
                         "fix the Python in that file") from None


def checks_dir(assignment: str) -> Path:
    return CHECKS_ROOT / assignment


BIN_DIR = str(Path(sys.executable).parent)


def put_venv_on_path() -> None:
    """nbgrader's gradebook runs ``alembic`` from PATH, which lacks the venv unless it is activated."""
    paths = os.environ.get("PATH", "").split(os.pathsep)
    if BIN_DIR not in paths:
        os.environ["PATH"] = os.pathsep.join([BIN_DIR, *paths])


def run_nbgrader(course_root: Path, *args: str) -> None:
    """Run an ``nbgrader`` command in a course folder; ``RuntimeError`` with its last line if it fails."""
    put_venv_on_path()
    done = subprocess.run([os.path.join(BIN_DIR, "nbgrader"), *args, "--log-level=ERROR"], cwd=course_root,
                          capture_output=True, text=True)
    if done.returncode != 0:
        errors = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        shown = [arg for arg in args if not arg.startswith("--db=")]  # a gradebook URL may hold a password
        raise RuntimeError(f"`nbgrader {' '.join(shown)}` failed: {errors[-1] if errors else done.returncode}")
