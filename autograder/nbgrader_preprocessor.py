"""The step that lets ``nbgrader autograde`` grade through the hidden checks.

Configured in ``nbgrader_config.py`` in place of nbgrader's Execute: it grades
the sanitized notebook exactly as ``autograder grade`` does and writes each
part's report and score under its graded cell, where nbgrader's SaveAutoGrades
reads the score (partial credit from the cell's last ``execute_result``).

nbgrader makes a new preprocessor for every notebook it converts; the ``Grader``
(and with it the warm fork server workers are forked from) is kept by
``pool.grader_for``, one per assignment, source notebook, limits and devices, so one
``nbgrader autograde`` run starts one fork server, which ends with the process.
Its options are set as ``c.GradeWithChecks.<option>`` in ``nbgrader_config.py``.
"""
from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Enum, Float, Int

from . import i18n, stored
from .course import Course
from .devices import CHOICES
from .gradebook import annotate
from .sandbox import Limits

_DEFAULT = Limits()


class GradeWithChecks(NbGraderPreprocessor):
    notebook_seconds = Float(_DEFAULT.notebook_seconds, help=(
        "Wall-clock seconds for running all of a submission's cells; an answer cell still running then is left "
        "out and its answer is not graded (a locked cell that overruns stops the whole notebook).")).tag(config=True)
    call_seconds = Float(_DEFAULT.call_seconds, help=(
        "Wall-clock seconds one call a hidden check makes into the student's code may take.")).tag(config=True)
    cpu_seconds = Int(_DEFAULT.cpu_seconds, help=(
        "CPU seconds a submission's worker process may use in all (RLIMIT_CPU).")).tag(config=True)
    address_space_bytes = Int(_DEFAULT.address_space_bytes, help=(
        "Memory (address space, RLIMIT_AS) of a submission's worker process, in bytes; torch needs about 3 GB "
        "to import. Not applied when the checks run on CUDA.")).tag(config=True)
    device = Enum(CHOICES, default_value="auto", help=(
        "Devices for device checks, as `autograder grade --device`: cpu always; 'auto' adds cuda where torch "
        "sees a GPU, 'cuda' requires one, 'cpu' never uses it.")).tag(config=True)

    def limits(self) -> Limits:
        return Limits(notebook_seconds=self.notebook_seconds, call_seconds=self.call_seconds,
                      cpu_seconds=self.cpu_seconds, address_space_bytes=self.address_space_bytes)

    def grader(self, assignment: str, source: Path):
        """The Grader of this run for the notebook's source, made on first use."""
        from .devices import grading_devices
        from .pool import grader_for

        return grader_for(assignment, source, self.limits(), grading_devices(self.device))

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        root = self.config.CourseDirectory.get("root") or None
        course = Course(Path(root) if root else None)
        i18n.configure(course.config)
        source = course.folder(course.dirs.source_directory, info["assignment"]) / f"{info['notebook']}.ipynb"
        grader = self.grader(info["assignment"], source)
        result = grader.grade_notebook(nb, Path(f"{info['student']}/{info['notebook']}.ipynb"))
        # per-check results for `autograder feedback` and `report`; nbgrader writes the notebook after this
        stored.write_results(course, info["assignment"], info["student"], result)
        annotate(nb, result)
        self.log.info("%s: %s / %s points", info["student"], float(result.score), float(result.max_score))
        return nb, resources
