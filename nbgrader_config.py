"""nbgrader configuration of the course.

nbgrader's folders are mapped onto the repository's: instructors author in
source/, nbgrader writes the student version to assignments/ and worked
solutions to solutions/, collects submissions into submitted/<student>/<assignment>/.
`nbgrader autograde` grades through the hidden checks (autograder.nbgrader_preprocessor)
instead of executing tests in the student's kernel.
"""
import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "torch-fundamentals"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.solution_directory = "solutions"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# Any SQLAlchemy URL works, e.g. "postgresql://grader@db.example.edu/torch_course".
# The default is sqlite:///<root>/gradebook.db.
if os.environ.get("AUTOGRADER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["AUTOGRADER_DB_URL"]

# Language of feedback and of the engine's messages: "en" or "zh" (AUTOGRADER_LANG wins; unset: the locale).
# c.Autograder.language = "zh"

# Released code stubs: what students see in place of the solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# `nbgrader autograde` runs the same engine as `autograder grade`: the grading
# step replaces nbgrader's Execute; the rest of nbgrader's pipeline stays.
c.Autograde.autograde_preprocessors = [
    "autograder.nbgrader_preprocessor.GradeWithChecks",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Late submissions (nbgrader's AssignLatePenalties above; `autograder grade` runs it too): with a due date
# (`nbgrader db assignment add ASSIGNMENT --duedate="2026-11-20 23:59:00 Asia/Shanghai"`), "zero" makes a late
# submission count 0; "none" (nbgrader's default) records it as late without a penalty.
# c.LateSubmissionPlugin.penalty_method = "zero"
# Its options (defaults as `autograder grade`; `nbgrader autograde` starts one fork server per source notebook):
# c.GradeWithChecks.notebook_seconds = 60.0      # wall clock for all of a submission's cells
# c.GradeWithChecks.call_seconds = 10.0          # wall clock for one call a hidden check makes into the student's code
# c.GradeWithChecks.cpu_seconds = 300            # CPU seconds of a submission's worker
# c.GradeWithChecks.address_space_bytes = 6 * 1024**3   # its memory (address space; not applied with CUDA)
# c.GradeWithChecks.device = "auto"              # "auto", "cpu" or "cuda", as `autograder grade --device`

# The grading service (`autograder watch`, deploy/jupyterhub/): what a student's feedback shows, and when.
# Each of score / messages / reproducers is "visible", "after_due_date" (nbgrader's due date) or "hidden".
# c.FeedbackPolicy.score = "visible"
# c.FeedbackPolicy.messages = "visible"
# c.FeedbackPolicy.reproducers = "after_due_date"
# c.FeedbackPolicy.attempt_interval_minutes = 10   # one grading per student per 10 minutes; later ones wait
# c.FeedbackPolicy.per_assignment = {"06_optimizer_loop": {"reproducers": "hidden"}}

# Worked solutions are generated without running them, so that regenerating
# solutions/ from source/ is byte-for-byte reproducible (CI checks it).
c.GenerateSolution.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.ClearMarkScheme",
]

# `nbgrader zip_collect`: files downloaded from an LMS, named <student>__<notebook>.ipynb
# (in downloaded/<assignment>/archive/, zipped or not), land in submitted/<student>/<assignment>/.
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[A-Za-z0-9._-]+?)__(?P<file_id>[^/]+\.ipynb)$"
