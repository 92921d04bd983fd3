"""nbgrader for the grader's server on the course's hub: the course's own nbgrader_config.py (the server starts in
the grader's home; ../jupyterhub_config.py names the course in AUTOGRADER_COURSE)."""
import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

load_subconfig("nbgrader_config.py", path=os.environ["AUTOGRADER_COURSE"])  # noqa: F821 (provided by traitlets)
