"""A student's JupyterLab on the course's hub (../jupyterhub_config.py puts this folder on JUPYTER_CONFIG_PATH).

nbgrader's student side only: the Assignments panel (fetch, submit, fetch feedback) and Validate.  The
instructor's formgrader and course list are off (labconfig/page_config.json turns their lab plugins off too).
"""
import os

c = get_config()  # noqa: F821 (provided by traitlets when jupyter loads this file)

c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
# No request leaves the machine for JupyterLab's news or updates; extensions are the course's, not the students'.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
# ../lab-settings/overrides.json: JupyterLab does not ask whether to fetch news
c.LabApp.app_settings_dir = os.path.join(os.path.dirname(__file__), "..", "lab-settings")
