"""nbgrader for a student's server on the course's JupyterHub (../jupyterhub_config.py puts this folder on
JUPYTER_CONFIG_PATH and sets the two variables from the course's own nbgrader_config.py)."""
import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.Exchange.root = os.environ["AUTOGRADER_EXCHANGE"]
c.CourseDirectory.course_id = os.environ["AUTOGRADER_COURSE_ID"]
