"""The step that lets ``nbgrader autograde`` grade through the hidden checks.

Configured in ``nbgrader_config.py`` in place of nbgrader's Execute: it grades
the sanitized notebook exactly as ``autograder grade`` does and writes each
part's report and score under its graded cell, where nbgrader's SaveAutoGrades
reads the score (partial credit from the cell's last ``execute_result``).
"""
from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from . import i18n, stored
from .course import Course
from .gradebook import annotate


class GradeWithChecks(NbGraderPreprocessor):
    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        from .grader import Grader

        info = resources["nbgrader"]
        root = self.config.CourseDirectory.get("root") or None
        course = Course(Path(root) if root else None)
        i18n.configure(course.config)
        source = course.folder(course.dirs.source_directory, info["assignment"]) / f"{info['notebook']}.ipynb"
        result = Grader(info["assignment"], source).grade_notebook(nb, Path(f"{info['student']}/{info['notebook']}.ipynb"))
        # per-check results for `autograder feedback` and `report`; nbgrader writes the notebook after this
        stored.write_results(course, info["assignment"], info["student"], result)
        annotate(nb, result)
        self.log.info("%s: %s / %s points", info["student"], float(result.score), float(result.max_score))
        return nb, resources
