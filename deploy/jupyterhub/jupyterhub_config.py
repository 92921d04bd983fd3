"""JupyterHub for one course: students submit in JupyterLab and fetch the hidden checks' feedback within seconds.

Run as root (PAM logins, servers started as each student's Unix account), from a root-owned environment (the
students' one, /opt/torch-course) with a root-owned copy of this folder, in the folder that holds the hub's own
state (jupyterhub.sqlite, jupyterhub_cookie_secret, the proxy's pid file)::

    cd /srv/jupyterhub && AUTOGRADER_COURSE=/home/grader/course \
        /opt/torch-course/bin/jupyterhub -f /etc/jupyterhub/torch-course/jupyterhub_config.py

Root runs nothing the grader account can change: the course's nbgrader_config.py is read by a process running
as the grader, and the grader's server and the service run from the course's environment as the grader.

- Students (the members of a Unix group) log in with their Unix password and get JupyterLab with nbgrader's
  Assignments panel (fetch, submit, fetch feedback) and Validate; nothing of the instructor's side.
- The grader account gets JupyterLab in the course folder with nbgrader's formgrader.
- The grading service, ``autograder watch``, runs as the grader account in the course folder, as a managed
  service: the hub starts it, restarts it if it dies, and stops it when the hub stops.
- nbgrader's exchange is the folder the course's ``nbgrader_config.py`` names in ``c.Exchange.root``; the
  course id is its ``c.CourseDirectory.course_id``: the course's config is the one place both are set.

Settings, from the environment (README.md beside this file):

AUTOGRADER_COURSE          the course folder (holding nbgrader_config.py), owned by the grader; required
AUTOGRADER_GRADER          the grader's Unix account (default: grader)
AUTOGRADER_STUDENTS_GROUP  the Unix group whose members may log in as students (default: students)
AUTOGRADER_STUDENT_ENV     prefix of the Python environment students' servers and kernels run from, readable by
                           them (default: the one this hub runs from; make it with student-requirements.txt)
AUTOGRADER_GRADER_ENV      prefix of the course's environment, for the grader's server and the service
                           (default: the course's .venv)
AUTOGRADER_WATCH_ARGS      extra arguments of ``autograder watch`` (e.g. "--workers 2", "--interval 1")

Anything else is ordinary JupyterHub configuration: add it at the end of this file or on the command line
(``jupyterhub -f ... --JupyterHub.bind_url=https://...``, which wins over this file).
"""
import json
import os
import pwd
import shlex
import subprocess
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        sys.exit(f"jupyterhub_config.py: set {name} (see {HERE / 'README.md'})")
    return value


COURSE = Path(setting("AUTOGRADER_COURSE")).resolve()
GRADER = setting("AUTOGRADER_GRADER", "grader")
STUDENTS_GROUP = setting("AUTOGRADER_STUDENTS_GROUP", "students")
STUDENT_ENV = Path(setting("AUTOGRADER_STUDENT_ENV", sys.prefix))
GRADER_ENV = Path(setting("AUTOGRADER_GRADER_ENV", str(COURSE / ".venv")))
WATCH_ARGS = shlex.split(os.environ.get("AUTOGRADER_WATCH_ARGS", ""))

try:
    grader = pwd.getpwnam(GRADER)
except KeyError:
    sys.exit(f"jupyterhub_config.py: the grader account {GRADER!r} (AUTOGRADER_GRADER) does not exist")
for executable in (STUDENT_ENV / "bin" / "jupyterhub-singleuser", GRADER_ENV / "bin" / "jupyterhub-singleuser",
                   GRADER_ENV / "bin" / "python"):
    if not os.access(executable, os.X_OK):
        sys.exit(f"jupyterhub_config.py: {executable} is missing (see {HERE / 'README.md'})")


def course_settings() -> tuple[str, str]:
    """The course id and the exchange, as the course's own nbgrader_config.py sets them.  The file is the
    grader's to edit, so it is read by a process running as the grader, never by root."""
    read = ("import json, sys\n"
            "from traitlets.config.loader import PyFileConfigLoader\n"
            "c = PyFileConfigLoader('nbgrader_config.py', path=sys.argv[1]).load_config()\n"
            "print(json.dumps([c.CourseDirectory.get('course_id') or '', c.Exchange.get('root') or '']))\n")
    as_grader = {} if os.geteuid() == grader.pw_uid else dict(user=grader.pw_uid, group=grader.pw_gid, extra_groups=[])
    done = subprocess.run([str(GRADER_ENV / "bin" / "python"), "-I", "-c", read, str(COURSE)], cwd="/",
                          env={"PATH": "/usr/bin:/bin", "HOME": grader.pw_dir, "LANG": "C.UTF-8"},
                          capture_output=True, text=True, timeout=60, **as_grader)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        sys.exit(f"jupyterhub_config.py: cannot read {COURSE / 'nbgrader_config.py'} as {GRADER}: {reason}")
    course_id, exchange = json.loads(done.stdout)
    if not course_id or not exchange:
        sys.exit(f"jupyterhub_config.py: {COURSE / 'nbgrader_config.py'} must set c.CourseDirectory.course_id and "
                 "c.Exchange.root (the shared exchange folder, e.g. /srv/nbgrader/exchange)")
    return course_id, exchange


COURSE_ID, EXCHANGE = course_settings()

# -- who logs in: Unix accounts, by password (PAM) ----------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {STUDENTS_GROUP}
c.Authenticator.allowed_users = {GRADER}
c.PAMAuthenticator.open_sessions = False  # no login session (pam_systemd and friends) per server
c.LocalAuthenticator.create_system_users = False  # accounts are made by the instructor, not by the hub

# -- their servers: JupyterLab as their own Unix account ----------------------------------------------------
# Real accounts, so that nbgrader's exchange modes do their work: a student can write into the exchange's
# inbound but not list it, and fetches only feedback released for their own submissions.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120  # JupyterLab with nbgrader's extensions on a busy machine
c.Spawner.http_timeout = 90


def is_grader(spawner) -> bool:
    return spawner.user.name == GRADER


def role_config(spawner) -> str:
    """JUPYTER_CONFIG_PATH: the role's folder beside this file (student/ or grader/): which of nbgrader's
    extensions are on, and, for students, the exchange and the course id."""
    return str(HERE / ("grader" if is_grader(spawner) else "student"))


# The course's settings from the hub's environment, for the service and formgrader alike (the course's
# nbgrader_config.py reads AUTOGRADER_DB_URL: both must find the same gradebook).
COURSE_ENV = {name: os.environ[name] for name in ("AUTOGRADER_LANG", "AUTOGRADER_DB_URL", "AUTOGRADER_SANDBOX")
              if os.environ.get(name)}


def prepare(spawner) -> None:
    if is_grader(spawner):
        spawner.cmd = [str(GRADER_ENV / "bin" / "jupyterhub-singleuser")]
        spawner.notebook_dir = str(COURSE)
        # grader/nbgrader_config.py loads the course's own config from there (the server starts in the home folder)
        spawner.environment = {**spawner.environment, **COURSE_ENV, "AUTOGRADER_COURSE": str(COURSE)}
    else:
        spawner.cmd = [str(STUDENT_ENV / "bin" / "jupyterhub-singleuser")]
        spawner.notebook_dir = ""  # the home folder: fetched assignments land there


c.Spawner.pre_spawn_hook = prepare
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": role_config,
    "AUTOGRADER_EXCHANGE": EXCHANGE,  # read by student/nbgrader_config.py
    "AUTOGRADER_COURSE_ID": COURSE_ID,
}

# -- the grading service: started and stopped with the hub --------------------------------------------------
c.JupyterHub.services = [
    {
        "name": "autograder",
        "command": [str(GRADER_ENV / "bin" / "python"), "-m", "autograder", "watch", *WATCH_ARGS],
        "user": GRADER,
        "cwd": str(COURSE),
        "environment": COURSE_ENV,
    },
]

# -- the hub itself ---------------------------------------------------------------------------------------
# Its state (jupyterhub.sqlite, jupyterhub_cookie_secret, jupyterhub-proxy.pid) lives in the folder it is
# started from.  When it stops, it stops the students' servers and the service too.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
