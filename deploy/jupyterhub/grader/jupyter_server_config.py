"""The grader's JupyterLab on the course's hub, in the course folder (../jupyterhub_config.py puts this folder on
JUPYTER_CONFIG_PATH): nbgrader's formgrader and course list; no Assignments panel (that is the students' side)."""
import os

c = get_config()  # noqa: F821 (provided by traitlets when jupyter loads this file)

c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.course_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.assignment_list": False,
}
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
c.LabApp.app_settings_dir = os.path.join(os.path.dirname(__file__), "..", "lab-settings")
