"""The course on a real JupyterHub (deploy/jupyterhub/), with real Unix accounts, driven in a browser.

As root only: the test creates the Unix accounts ag-grader, ag-student-a and ag-student-b (and the group
ag-students) and removes them afterwards.  It builds a course of 01_view_reshape owned by ag-grader (mode
0700), an nbgrader exchange (1777), and starts JupyterHub (this venv's, with configurable-http-proxy from
npm) on loopback with deploy/jupyterhub/jupyterhub_config.py itself, set through its environment variables
and the command line; the grading service (`autograder watch --interval 1`) runs as the hub's managed
service, as ag-grader.  Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; nothing is
downloaded) then:

- student A logs in, fetches 01 in JupyterLab's Assignments panel, answers make_grid right and any_reshape
  wrong in the notebook's editor, saves, submits in the panel, fetches feedback: the page gives the score,
  the failing check's message and its reproducer;
- student B, as B's own uid: cannot list the exchange's inbound or feedback folders, A's home or the
  course, cannot read the gradebook or A's files; B submits a hostile notebook (it tries to read and
  overwrite the gradebook, write files outside its sandbox, connect to the hub and to a listener of this
  test; the same code run as B outside a sandbox does get out): it is graded, and nothing of it got out;
- the grader logs in, formgrader lists A's auto-graded score; a manual score and a comment entered in
  formgrader's grading page are what `autograder report` (its page, grades.csv, overrides.csv) then shows;
- A submits again at once: over the attempt limit, the feedback says the submission is held and when it
  will be graded.

The hub is stopped (SIGTERM) before the report: it stops the servers, the proxy and the service, and no
process of the test's accounts may be left.  Screenshots: build/screenshots/hub/NN-name.png; the hub's log
(with its servers' and the service's): build/screenshots/hub.log.
"""
from __future__ import annotations

import csv
import datetime as dt
import grp
import html
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK, REPO, free_port, released_course

GRADER, STUDENT_A, STUDENT_B = "ag-grader", "ag-student-a", "ag-student-b"
GROUP = "ag-students"
ACCOUNTS = (GRADER, STUDENT_A, STUDENT_B)
COURSE_ID = "torch-fundamentals"
DEPLOY = REPO / "deploy" / "jupyterhub"
SCREENSHOTS = REPO / "build" / "screenshots" / "hub"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BIN = Path(sys.executable).parent
RIGHT_PART, WRONG_PART = "make_grid", "any_reshape"
WRONG_MUTANT = "any_reshape_always_copies"  # one of any_reshape's checks fails, with a message and a reproducer
ATTEMPT_MINUTES = 10
HOME_PREFIX = "/tmp/autograder-hub-"  # the test's folders, its accounts' homes among them

HUB_START_S = 60
UI_MS = 60_000
FEEDBACK_S = 90  # from a submit to its feedback, the service's first grading (warm-up) included


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("AUTOGRADER_REQUIRE_HUB", "") not in ("", "0"):
        pytest.fail(message + "; AUTOGRADER_REQUIRE_HUB is set, so this fails instead of skipping")
    pytest.skip(message)


def _require_root_and_tools() -> None:
    if os.geteuid() != 0:
        pytest.skip("the JupyterHub test runs only as root: it creates Unix accounts (ag-grader, ag-student-a, "
                    "ag-student-b) and starts a hub that logs them in with PAM (.ci/run runs it as root)")
    for command in ("useradd", "userdel", "groupadd", "groupdel", "chpasswd", "runuser"):
        _require(shutil.which(command) is not None, f"{command} not found (Debian's passwd/util-linux packages)")
    _require(shutil.which("configurable-http-proxy") is not None,
             "configurable-http-proxy not found: `npm install -g configurable-http-proxy@5.3.0` (.ci/run does)")
    _require((BIN / "jupyterhub").is_file(),
             f"{BIN / 'jupyterhub'} not found: `pip install -e .` (pyproject.toml pins jupyterhub)")
    _require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} not found: install Debian's chromium package (.ci/run does)")
    _require(shutil.which("bwrap") is not None, "bwrap not found: install Debian's bubblewrap package (.ci/run does)")
    for needed, what in [(Path(sys.executable).resolve(), "this venv's Python"), (Path(sys.prefix), "this venv"),
                         (REPO / "deploy" / "jupyterhub" / "student", "this checkout")]:
        hidden = _hidden_from_others(needed)
        _require(hidden is None, f"{hidden} is closed to other accounts, so the test's accounts cannot reach {what} "
                                 f"({needed}): use a Python, a venv and a checkout outside private folders "
                                 "(.ci/run opens the way to both)")


def _hidden_from_others(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter (or ``path``, if they cannot
    enter or run it); None when they can."""
    for folder in reversed(path.parents):
        if not folder.stat().st_mode & 0o001:
            return folder
    return None if path.stat().st_mode & 0o001 else path


# -- the machine: accounts, folders, processes ----------------------------------------------------------------

def _run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(command)} failed ({done.returncode}): {done.stderr or done.stdout}"
    return done


def _uid(name: str) -> int | None:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def _processes_of(uids: set[int]) -> list[str]:
    """'pid command' of every live (not zombie) process running as one of these uids."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                # a zombie has ended: only its exit status waits for its parent, or for PID 1 (which on some
                # machines, CI's included, never reaps), to read it
                if entry.stat().st_uid in uids and stat[stat.rindex(")") + 2:].split()[0] != "Z":
                    cmdline = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    found.append(f"{entry.name} {cmdline.strip()[:160]}")
            except OSError:
                pass
    return found


def _kill_uids(uids: set[int]) -> None:
    """SIGKILL what the test's own accounts still run (a failed test's leftovers; never anyone else's)."""
    for _ in range(20):
        left = _processes_of(uids)
        if not left:
            return
        for line in left:
            try:
                os.kill(int(line.split()[0]), signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.1)


def _remove_accounts() -> None:
    """Remove the test's accounts and group, and end what they run; an account of the same name that this test
    did not make (its home is elsewhere) is left alone and fails the test."""
    for name in ACCOUNTS:
        if _uid(name) is not None and not pwd.getpwnam(name).pw_dir.startswith(HOME_PREFIX):
            pytest.fail(f"a Unix account {name!r} exists and was not made by this test (home "
                        f"{pwd.getpwnam(name).pw_dir}): the test will not touch it")
    uids = {uid for uid in map(_uid, ACCOUNTS) if uid is not None}
    _kill_uids(uids)
    for name in ACCOUNTS:
        if _uid(name) is not None:
            subprocess.run(["userdel", name], capture_output=True)
    try:
        grp.getgrnam(GROUP)
        subprocess.run(["groupdel", GROUP], capture_output=True)
    except KeyError:
        pass


class Machine:
    """The test's accounts and folders: ``base`` (0755) holds home/<account> (each 0700, its own), course/
    (ag-grader's, 0700), exchange/ (1777) and hub/ (the hub's state, root's)."""

    def __init__(self, base: Path):
        self.base = base
        self.passwords = {name: secrets.token_urlsafe(12) for name in ACCOUNTS}
        self.course = base / "course"
        self.exchange = base / "exchange"
        self.state = base / "hub"

    def home(self, name: str) -> Path:
        return self.base / "home" / name

    @property
    def uids(self) -> set[int]:
        return {pwd.getpwnam(name).pw_uid for name in ACCOUNTS}

    def create(self) -> None:
        _run("groupadd", GROUP)
        for name in ACCOUNTS:
            groups = [] if name == GRADER else ["-G", GROUP]
            _run("useradd", "--no-create-home", "--home-dir", str(self.home(name)), "--shell", "/bin/bash",
                 "--user-group", *groups, name)
            home = self.home(name)
            home.mkdir(parents=True)
            entry = pwd.getpwnam(name)
            os.chown(home, entry.pw_uid, entry.pw_gid)
            home.chmod(0o700)
        _run("chpasswd", input="".join(f"{name}:{password}\n" for name, password in self.passwords.items()))
        self.exchange.mkdir()
        self.exchange.chmod(0o1777)
        self.state.mkdir(mode=0o700)

    def env(self, name: str) -> dict[str, str]:
        """The environment of a command run as ``name``: this checkout's code, no variables of root's."""
        env = {"HOME": str(self.home(name)), "USER": name, "LOGNAME": name, "PATH": f"{BIN}:/usr/bin:/bin",
               "LANG": "C.UTF-8", "PYTHONPATH": str(REPO), "AUTOGRADER_LANG": "en"}
        if name != GRADER:  # a student's nbgrader config, as the hub gives it to their servers
            env.update(JUPYTER_CONFIG_PATH=str(DEPLOY / "student"), AUTOGRADER_EXCHANGE=str(self.exchange),
                       AUTOGRADER_COURSE_ID=COURSE_ID)
        return env

    def as_user(self, name: str, *command: str, cwd: Path | None = None, check: bool = True,
                timeout: float = 120) -> subprocess.CompletedProcess:
        """Run ``command`` as the Unix account ``name`` (runuser: its uid, gid and groups)."""
        done = subprocess.run(["runuser", "-u", name, "--", "env", "-i",
                               *(f"{k}={v}" for k, v in self.env(name).items()), *command],
                              cwd=cwd or self.home(name), capture_output=True, text=True, timeout=timeout)
        if check:
            assert done.returncode == 0, \
                f"{command} as {name} failed ({done.returncode}):\n{done.stderr}\n{done.stdout}"
        return done

    def build_course(self) -> None:
        """01_view_reshape generated (as root), handed to the grader, released by the grader to the exchange."""
        released_course(self.course)
        with open(self.course / "nbgrader_config.py", "a") as config:
            config.write(f"\n# {__name__}: the course on the test's JupyterHub\n"
                         f"c.Exchange.root = {str(self.exchange)!r}\n"
                         f"c.FeedbackPolicy.reproducers = 'visible'\n"
                         f"c.FeedbackPolicy.attempt_interval_minutes = {ATTEMPT_MINUTES}\n")
        entry = pwd.getpwnam(GRADER)
        for path in [self.course, *self.course.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
        self.course.chmod(0o700)
        self.as_user(GRADER, str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT, "--log-level=ERROR",
                     cwd=self.course)


# -- the hub ------------------------------------------------------------------------------------------------

class Hub:
    """JupyterHub started with deploy/jupyterhub/jupyterhub_config.py, as the README says, on loopback ports."""

    def __init__(self, machine: Machine):
        self.machine = machine
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = machine.base / "jupyterhub.log"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "AUTOGRADER_", "CONFIGPROXY")) and k not in ("PYTHONPATH", "IPYTHONDIR")}
        env.update(
            AUTOGRADER_COURSE=str(machine.course), AUTOGRADER_GRADER=GRADER, AUTOGRADER_STUDENTS_GROUP=GROUP,
            AUTOGRADER_GRADER_ENV=sys.prefix,  # the course's env; the students' is the hub's own (this venv too)
            AUTOGRADER_WATCH_ARGS="--interval 1", AUTOGRADER_LANG="en",
            PYTHONPATH=str(REPO),  # kept by JupyterHub for servers and the service: this checkout's autograder
            PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}", LANG="C.UTF-8")
        command = [str(BIN / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py"),
                   f"--JupyterHub.bind_url={self.url}", f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
                   f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"]
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(command, cwd=machine.state, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + HUB_START_S
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"jupyterhub exited with {self.process.returncode}:\n{self.log_text()[-6000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api", timeout=5) as response:
                    json.load(response)
                if "watching 01_view_reshape" in self.log_text():
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the hub and its grading service were not up within {HUB_START_S} s:\n"
                            f"{self.log_text()[-6000:]}")
            time.sleep(0.3)

    def proxy_pid(self) -> int | None:
        pid_file = self.machine.state / "jupyterhub-proxy.pid"
        try:
            return int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM, as systemd would: the hub stops the servers, the service and the proxy, then exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode

    def wait_log(self, pattern: str, seconds: float = FEEDBACK_S) -> re.Match:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log_text())
            if found:
                return found
            time.sleep(0.3)
        pytest.fail(f"the hub's log never said {pattern!r}:\n{self.log_text()[-6000:]}")


# -- the browser --------------------------------------------------------------------------------------------

class Screenshots:
    def __init__(self):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
        self.count = 0
        self.paths: list[Path] = []

    def take(self, page, name: str) -> Path:
        self.count += 1
        path = SCREENSHOTS / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path))
        self.paths.append(path)
        print(f"screenshot: {path.relative_to(REPO)}")
        return path


def _login(browser, hub: Hub, name: str, password: str, landing: str):
    """A fresh browser context that logged in through the hub's login form and waited for its server."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    context.set_default_timeout(UI_MS)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/"), timeout=150_000)  # spawn-pending first
    if landing:
        page.goto(f"{hub.url}/user/{name}/{landing}")
    return context, page


def _xsrf(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")


def _api(page, method: str, url: str, data=None):
    """A request with the browser's cookies, as JupyterLab's own requests go (XSRF header included)."""
    response = page.request.fetch(url, method=method, headers={"X-XSRFToken": _xsrf(page)},
                                  data=json.dumps(data) if data is not None else None)
    assert response.ok, f"{method} {url}: {response.status} {response.text()[:500]}"
    return response.json() if response.text() else None


def _open_assignments(page) -> None:
    """Nbgrader > Assignment List: the Assignments panel of nbgrader's lab extension."""
    page.locator(".jp-LabShell").wait_for()
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.get_by_role("menuitem", name="Assignment List", exact=True).click()
    page.locator("#released_assignments_list").wait_for()


def _refresh_assignments(page) -> None:
    page.locator("#refresh_assignments_list").click()
    for name in ("released", "fetched", "submitted"):
        page.locator(f"#{name}_assignments_list_loading").wait_for(state="hidden")


def _row(page, listing: str):
    return page.locator(f"#{listing}_assignments_list .list_item").filter(has_text=ASSIGNMENT).first


def _fill_cell(page, cell, text: str) -> None:
    """Replace a cell's code as a student would: click into its editor, select all, type (paste)."""
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    shown = "\n".join(cell.locator(".cm-line").evaluate_all("lines => lines.map(line => line.textContent)"))
    assert shown.strip() == text.strip(), f"the editor shows\n{shown}"
    page.keyboard.press("Escape")


def _submit_and_fetch_feedback(page, hub: Hub, shots: Screenshots, name: str, stamps_before: set[str]) -> str:
    """Press Submit in the panel, wait for the service to release feedback (Refresh until the panel offers it),
    press Fetch Feedback; return the new submission's nbgrader timestamp."""
    _refresh_assignments(page)
    _row(page, "fetched").get_by_role("button", name="Submit").click()
    _submitted_row(page).wait_for()
    deadline = time.monotonic() + FEEDBACK_S
    while "(feedback available to fetch)" not in _submitted_text(page, stamps_before):
        assert time.monotonic() < deadline, f"no feedback to fetch within {FEEDBACK_S} s:\n{hub.log_text()[-4000:]}"
        time.sleep(1)
        _refresh_assignments(page)
    shots.take(page, f"{name}-feedback-available")
    _row(page, "submitted").get_by_role("button", name="Fetch Feedback").click()
    deadline = time.monotonic() + 30
    while "(view feedback)" not in _submitted_text(page, stamps_before):
        assert time.monotonic() < deadline, "Fetch Feedback did not bring the page"
        time.sleep(0.5)
    new = _submission_stamps(page) - stamps_before
    assert len(new) == 1, (new, stamps_before)
    return new.pop()


def _submitted_row(page):
    return _row(page, "submitted")


def _submission_stamps(page) -> set[str]:
    text = _submitted_row(page).inner_text() if _submitted_row(page).count() else ""
    return set(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC", text))


def _submitted_text(page, stamps_before: set[str]) -> str:
    """The panel's line of the newest submission (not one of ``stamps_before``)."""
    rows = page.locator("#submitted_assignments_list .list_item .list_item").all_inner_texts()
    return "\n".join(row for row in rows if not any(stamp in row for stamp in stamps_before))


def _saved_answer(path: Path, grade_id: str) -> str:
    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception:  # being written
        return ""
    return next(c.source for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id).strip()


def _page_text(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


# -- the notebooks ------------------------------------------------------------------------------------------

def _answers() -> dict[str, str]:
    """make_grid as the worked solution has it (without nbgrader's markers); any_reshape wrong (a corpus mutant)."""
    from autograder import corpus

    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    right = next(c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("grade_id") == RIGHT_PART)
    right = "\n".join(line for line in right.splitlines()
                      if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    mutants = {m.name: m.cells for m in corpus.variants(REPO, ASSIGNMENT, "mutants")}
    return {RIGHT_PART: right, WRONG_PART: mutants[WRONG_MUTANT][WRONG_PART]}


def _hostile_answer(machine: Machine, markers: list[Path], listener: int, hub_port: int) -> str:
    """make_grid right, after code that tries to get out of the sandbox; every attempt is only a side effect
    the test looks for afterwards (files, a connection, a damaged gradebook)."""
    gradebook = machine.course / "gradebook.db"
    return f"""import os, socket
def _try(action):
    try:
        action()
    except Exception:
        pass
_try(lambda: open({str(gradebook)!r}, "rb").read())
_try(lambda: open({str(gradebook)!r}, "wb").close())
_try(lambda: os.remove({str(gradebook)!r}))
for _path in {[str(m) for m in markers]!r}:
    _try(lambda: open(_path, "w").write("escaped"))
for _port in ({listener}, {hub_port}):
    _try(lambda: socket.create_connection(("127.0.0.1", _port), timeout=2).sendall(b"escaped"))

def make_grid(rows: int, cols: int, dtype: torch.dtype) -> torch.Tensor:
    return torch.arange(rows * cols, dtype=dtype).view(rows, cols)
"""


class Listener:
    """A TCP listener on loopback that counts connections: a sandboxed submission must never reach it."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.thread.join()
        self.sock.close()


# B's probes, run as B's uid: each path must refuse B (an OSError), none may be listed or read.
PROBE = """
import json, os, sys
outcome = {}
for kind, path in json.loads(sys.argv[1]):
    try:
        if kind == "list":
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        outcome[kind + " " + path] = "allowed"
    except OSError as exc:
        outcome[kind + " " + path] = type(exc).__name__
print(json.dumps(outcome))
"""


# -- the test -----------------------------------------------------------------------------------------------

@pytest.fixture
def machine():
    _require_root_and_tools()
    _remove_accounts()  # what a killed earlier run left
    base = Path(tempfile.mkdtemp(prefix=Path(HOME_PREFIX).name, dir=Path(HOME_PREFIX).parent))
    base.chmod(0o755)
    (base / "home").mkdir(mode=0o755)
    box = Machine(base)
    try:
        box.create()
        yield box
    finally:
        _remove_accounts()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.mark.slow
@pytest.mark.integration
def test_a_course_on_jupyterhub_students_get_feedback_in_seconds_and_only_their_own(machine, browser):
    from autograder import stored
    from autograder.course import Course
    from autograder.results import as_points

    started = time.monotonic()
    machine.build_course()
    listener = Listener()
    hub = Hub(machine)
    shots = Screenshots()
    b_side = ThreadPoolExecutor(1)
    try:
        hub.wait_ready()

        # -- student B submits a hostile notebook (in a thread) while A logs in and works ---------------------
        markers = [machine.course / "escaped-b.txt", machine.exchange / "escaped-b.txt",
                   machine.home(GRADER) / "escaped-b.txt", Path("/tmp") / f"escaped-b-{secrets.token_hex(4)}.txt"]
        hostile_submitted = b_side.submit(_b_submits_a_hostile_notebook, machine, listener, hub, markers)

        # -- student A: log in, fetch 01 in the Assignments panel -------------------------------------------
        context_a, page = _login(browser, hub, STUDENT_A, machine.passwords[STUDENT_A], "")
        assert page.request.get(f"{hub.url}/user/{STUDENT_A}/formgrader").status == 404, "students have no formgrader"
        _open_assignments(page)
        _row(page, "released").wait_for()
        shots.take(page, "a-assignments-released")
        _row(page, "released").get_by_role("button", name="Fetch").click()
        _row(page, "fetched").wait_for()
        fetched = machine.home(STUDENT_A) / ASSIGNMENT / CLASS_NOTEBOOK
        assert fetched.is_file() and fetched.stat().st_uid == _uid(STUDENT_A), "fetched into A's home, as A"
        shots.take(page, "a-fetched")

        # -- A answers one part right and one wrong in the notebook's editor, saves, submits -----------------
        page.goto(f"{hub.url}/user/{STUDENT_A}/lab/tree/{ASSIGNMENT}/{CLASS_NOTEBOOK}")
        cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        released = nbformat.read(str(fetched), as_version=4)
        index = {c.metadata["nbgrader"]["grade_id"]: i for i, c in enumerate(released.cells)
                 if "nbgrader" in c.metadata}
        cells.nth(len(released.cells) - 1).wait_for()
        for part, answer in _answers().items():
            _fill_cell(page, cells.nth(index[part]), answer)
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while _saved_answer(fetched, WRONG_PART) != _answers()[WRONG_PART].strip():
            assert time.monotonic() < deadline, "the notebook was not saved"
            time.sleep(0.3)
        cells.nth(index[WRONG_PART]).scroll_into_view_if_needed()
        shots.take(page, "a-answered")

        _open_assignments(page)
        stamp = _submit_and_fetch_feedback(page, hub, shots, "a-first", set())
        feedback_file = machine.home(STUDENT_A) / ASSIGNMENT / "feedback" / stamp / f"{ASSIGNMENT}.html"
        page.goto(f"{hub.url}/user/{STUDENT_A}/files/{ASSIGNMENT}/feedback/{stamp}/{ASSIGNMENT}.html")
        shots.take(page, "a-feedback")
        seen = _page_text(page.content())
        course = Course(machine.course)
        result = stored.read_results(course, ASSIGNMENT, STUDENT_A)
        assert result is not None, hub.log_text()[-3000:]
        right, wrong = result.part(f"test_{RIGHT_PART}"), result.part(f"test_{WRONG_PART}")
        assert right.score == right.points and 0 < wrong.score < wrong.points, (right, wrong)
        _names, message, reproducer = wrong.failures()[0]
        assert f"Score: {as_points(result.score):g} / {as_points(result.max_score):g}" in seen, seen[:800]
        assert message in seen and reproducer.splitlines()[0] in seen, seen
        assert feedback_file.stat().st_uid == _uid(STUDENT_A), "fetched into A's home, as A"
        assert message in _page_text(feedback_file.read_text(encoding="utf-8"))
        hub.wait_log(rf"graded {STUDENT_A} {ASSIGNMENT} \(submitted [^)]*\): {float(result.score):g} / 12")

        # -- B cannot see A's work, A's feedback or the course, as B's own uid --------------------------------
        inbound = machine.exchange / COURSE_ID / "inbound"
        mine = [p for p in inbound.iterdir() if p.name.startswith(f"{STUDENT_A}+{ASSIGNMENT}+")]
        assert mine and all(re.search(r"\+[A-Za-z0-9_-]{12}$", p.name) for p in mine), \
            "A's submissions in the inbound carry a random part: B cannot name them"
        probes = [("list", inbound), ("list", machine.exchange / COURSE_ID / "feedback"),
                  ("list", machine.home(STUDENT_A)), ("read", fetched), ("list", machine.course),
                  ("read", machine.course / "gradebook.db"), ("read", machine.course / "nbgrader_config.py"),
                  ("read", course.folder(course.dirs.submitted_directory, ASSIGNMENT, STUDENT_A) / CLASS_NOTEBOOK),
                  ("read", course.folder(course.dirs.feedback_directory, ASSIGNMENT, STUDENT_A) / f"{ASSIGNMENT}.html"),
                  ("read", feedback_file)]
        done = machine.as_user(STUDENT_B, str(BIN / "python"), "-c", PROBE,
                               json.dumps([(kind, str(path)) for kind, path in probes]))
        outcome = json.loads(done.stdout)
        assert all(value == "PermissionError" for value in outcome.values()), json.dumps(outcome, indent=1)

        # -- B's hostile submission: graded, and nothing of it got out ----------------------------------------
        hostile_submitted.result()
        hub.wait_log(rf"graded {STUDENT_B} {ASSIGNMENT} ")
        machine.as_user(STUDENT_B, str(BIN / "nbgrader"), "fetch_feedback", ASSIGNMENT, "--log-level=ERROR")
        pages_b = list((machine.home(STUDENT_B) / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(pages_b) == 1, pages_b
        seen_b = _page_text(pages_b[0].read_text(encoding="utf-8"))
        hostile_result = stored.read_results(course, ASSIGNMENT, STUDENT_B)
        assert hostile_result.part(f"test_{RIGHT_PART}").score == hostile_result.part(f"test_{RIGHT_PART}").points, \
            "the hostile notebook's make_grid is right: it was graded, its attempts failed quietly"
        assert f"Score: {as_points(hostile_result.score):g} / 12" in seen_b and message not in seen_b
        assert [m for m in markers if m.exists()] == [], "the hostile submission wrote outside its sandbox"
        assert listener.connections == 0, "the hostile submission opened a network connection"
        with sqlite3.connect(f"file:{machine.course / 'gradebook.db'}?mode=ro", uri=True) as db:
            rows = db.execute("select count(*) from submitted_assignment").fetchone()[0]
        assert rows == 2, "the gradebook holds both submissions, intact"

        # -- the grader: formgrader lists the score; a manual score and a comment made there -------------------
        context_g, page = _login(browser, hub, GRADER, machine.passwords[GRADER],
                                 f"formgrader/manage_submissions/{ASSIGNMENT}")
        page.get_by_text(STUDENT_A).first.wait_for()
        shots.take(page, "grader-formgrader-submissions")
        base = f"{hub.url}/user/{GRADER}/formgrader/api"
        listed = {s["student"]: s for s in _api(page, "GET", f"{base}/submissions/{ASSIGNMENT}")}
        assert listed[STUDENT_A]["autograded"], listed
        assert listed[STUDENT_A]["score"] == pytest.approx(float(result.score), abs=1e-3), listed
        notebook = next(n for n in _api(page, "GET", f"{base}/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
                        if n["student"] == STUDENT_A)
        grades = {g["name"]: g for g in _api(page, "GET", f"{base}/grades?submission_id={notebook['id']}")}
        assert grades[f"test_{WRONG_PART}"]["auto_score"] == pytest.approx(float(wrong.score), abs=1e-3)
        # in formgrader's grading page: full marks for the wrong part by hand, and a comment on its answer
        page.goto(f"{hub.url}/user/{GRADER}/formgrader/submissions/{notebook['id']}")
        score_box, comment_box = page.locator(f"input.score#test_{WRONG_PART}"), page.locator(f"#{WRONG_PART}-comment")
        score_box.scroll_into_view_if_needed()
        score_box.fill(f"{float(wrong.points):g}")
        score_box.press("Tab")  # formgrader saves a field when it changes
        comment = "any_reshape：先 clone 再 reshape 结果也对，这里手动给满分。"
        comment_box.fill(comment)
        comment_box.press("Tab")
        deadline = time.monotonic() + 20
        while True:
            grades = {g["name"]: g for g in _api(page, "GET", f"{base}/grades?submission_id={notebook['id']}")}
            comments = {c["name"]: c for c in _api(page, "GET", f"{base}/comments?submission_id={notebook['id']}")}
            if (grades[f"test_{WRONG_PART}"]["manual_score"] == float(wrong.points)
                    and comments[WRONG_PART]["manual_comment"] == comment):
                break
            assert time.monotonic() < deadline, ("formgrader did not save the score and the comment",
                                                 grades[f"test_{WRONG_PART}"], comments[WRONG_PART])
            time.sleep(0.3)
        score_box.scroll_into_view_if_needed()
        shots.take(page, "grader-formgrader-override")
        listed = {s["student"]: s for s in _api(page, "GET", f"{base}/submissions/{ASSIGNMENT}")}
        overridden = float(result.score - wrong.score + wrong.points)
        assert listed[STUDENT_A]["score"] == pytest.approx(overridden, abs=1e-3), listed[STUDENT_A]
        context_g.close()

        # -- A submits again (within the attempt limit's 10 minutes): held ---------------------------------------------
        page = context_a.pages[0]
        page.goto(f"{hub.url}/user/{STUDENT_A}/lab")
        _open_assignments(page)
        second = _submit_and_fetch_feedback(page, hub, shots, "a-second", {stamp})
        page.goto(f"{hub.url}/user/{STUDENT_A}/files/{ASSIGNMENT}/feedback/{second}/{ASSIGNMENT}.html")
        shots.take(page, "a-held")
        held = _page_text(page.content())
        free_at = dt.datetime.fromtimestamp(stored.graded_at(course, ASSIGNMENT, STUDENT_A, Path(CLASS_NOTEBOOK))
                                            + ATTEMPT_MINUTES * 60, dt.timezone.utc)
        assert "This submission is held" in held and f"every {ATTEMPT_MINUTES} minutes" in held, held
        assert f"It will be graded at {free_at:%Y-%m-%d %H:%M} UTC" in held, held
        assert "Score" not in held
        hub.wait_log(rf"held {STUDENT_A} {ASSIGNMENT} ")
        context_a.close()

    except BaseException:
        for context in browser.contexts:  # what the browser showed when the test failed
            for open_page in context.pages:
                try:
                    shots.take(open_page, "at-failure")
                except Exception:
                    pass
        print(hub.log_text()[-5000:])
        raise
    finally:
        b_side.shutdown(wait=True)
        code = hub.stop()
        listener.close()
        shutil.copyfile(hub.log, SCREENSHOTS.parent / "hub.log")  # the hub's, its servers' and the service's log

    # -- everything stopped with the hub ------------------------------------------------------------------------
    assert code == 0, hub.log_text()[-3000:]
    deadline = time.monotonic() + 20
    while _processes_of(machine.uids) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert _processes_of(machine.uids) == [], "processes of the test's accounts outlived the hub"
    proxy = hub.proxy_pid()
    assert proxy is None or not Path(f"/proc/{proxy}").exists(), "the proxy outlived the hub"
    log = hub.log_text()
    assert re.search(r"\bstopped\b", log), "the grading service said it stopped"

    # -- what the report shows: the grader's override and comment -------------------------------------------------
    machine.as_user(GRADER, str(BIN / "python"), "-m", "autograder", "report", ASSIGNMENT, cwd=machine.course)
    folder = machine.course / "reports" / ASSIGNMENT
    with open(folder / "grades.csv", newline="") as table:
        rows = {row["student_id"]: row for row in csv.DictReader(table)}
    assert float(rows[STUDENT_A]["score"]) == pytest.approx(overridden, abs=1e-3), rows[STUDENT_A]
    with open(folder / "overrides.csv", newline="") as table:
        overrides = [row for row in csv.DictReader(table) if row["student_id"] == STUDENT_A]
    assert any(row["manual_score"] and float(row["manual_score"]) == float(wrong.points) for row in overrides), \
        overrides
    assert any(row["manual_comment"] == comment for row in overrides), overrides
    report = _page_text((folder / "index.html").read_text(encoding="utf-8"))
    assert comment in report, report[-3000:]
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.goto((folder / "index.html").as_uri())
    page.get_by_text(comment).first.scroll_into_view_if_needed()
    shots.take(page, "grader-class-report")
    page.close()
    print(f"test_hub: {time.monotonic() - started:.0f} s; screenshots: {', '.join(str(p) for p in shots.paths)}")


def _b_submits_a_hostile_notebook(machine: Machine, listener: Listener, hub: Hub, markers: list[Path]) -> None:
    """Student B, in a terminal of their own (nbgrader's commands as B's uid): fetch 01, put code that tries to get
    out in place of make_grid's answer, submit.  First the same code runs as B outside any sandbox, where it
    does get out: the attempts are real."""
    control = machine.home(STUDENT_B) / "control.txt"
    machine.as_user(STUDENT_B, str(BIN / "python"), "-c",
                    "import torch\n" + _hostile_answer(machine, [control], listener.port, hub.port))
    assert control.is_file() and listener.connections > 0, "the hostile code works when nothing stops it"
    listener.connections = 0
    machine.as_user(STUDENT_B, str(BIN / "nbgrader"), "fetch_assignment", ASSIGNMENT, "--log-level=ERROR")
    hostile = nbformat.read(str(machine.home(STUDENT_B) / ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    for cell in hostile.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == RIGHT_PART:
            cell.source = _hostile_answer(machine, markers, listener.port, hub.port)
    _write_as(machine, STUDENT_B, machine.home(STUDENT_B) / ASSIGNMENT / CLASS_NOTEBOOK, nbformat.writes(hostile))
    machine.as_user(STUDENT_B, str(BIN / "nbgrader"), "submit", ASSIGNMENT, "--log-level=ERROR")


def _write_as(machine: Machine, name: str, path: Path, text: str) -> None:
    """Write a file as ``name`` would (owned by them), e.g. the notebook a student saved."""
    done = subprocess.run(["runuser", "-u", name, "--", str(BIN / "python"), "-c",
                           "import sys; open(sys.argv[1], 'w', encoding='utf-8').write(sys.stdin.read())", str(path)],
                          input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# -- the configuration alone (any account, no hub) ------------------------------------------------------------

def _load_hub_config(monkeypatch, **env):
    from traitlets.config.loader import PyFileConfigLoader

    for name in ("AUTOGRADER_COURSE", "AUTOGRADER_GRADER", "AUTOGRADER_STUDENTS_GROUP", "AUTOGRADER_STUDENT_ENV",
                 "AUTOGRADER_GRADER_ENV", "AUTOGRADER_WATCH_ARGS", "AUTOGRADER_LANG", "AUTOGRADER_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_the_hub_config_reads_the_course_config_and_runs_the_service_as_the_grader(tmp_path, monkeypatch):
    from types import SimpleNamespace

    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'torch-fundamentals'\n"
                                               "c.Exchange.root = '/srv/nbgrader/exchange'\n")
    grader = pwd.getpwuid(os.getuid()).pw_name  # an account that exists wherever the test runs
    config = _load_hub_config(monkeypatch, AUTOGRADER_COURSE=str(course), AUTOGRADER_GRADER=grader,
                              AUTOGRADER_GRADER_ENV=sys.prefix, AUTOGRADER_WATCH_ARGS="--interval 1",
                              AUTOGRADER_LANG="zh")
    assert config.JupyterHub.authenticator_class == "pam" and config.JupyterHub.spawner_class == "localprocess"
    assert config.PAMAuthenticator.allowed_groups == {"students"} and config.Authenticator.allowed_users == {grader}
    (service,) = config.JupyterHub.services
    assert service["command"][1:] == ["-m", "autograder", "watch", "--interval", "1"]
    assert (service["user"], service["cwd"], service["environment"]) == (grader, str(course), {"AUTOGRADER_LANG": "zh"})

    environment = config.Spawner.environment
    assert (environment["AUTOGRADER_EXCHANGE"], environment["AUTOGRADER_COURSE_ID"]) == \
        ("/srv/nbgrader/exchange", "torch-fundamentals")
    for name, role in [(grader, "grader"), ("alice", "student")]:
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={}, cmd=None, notebook_dir=None)
        config.Spawner.pre_spawn_hook(spawner)
        assert environment["JUPYTER_CONFIG_PATH"](spawner) == str(DEPLOY / role)
        assert spawner.cmd == [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
        assert spawner.notebook_dir == (str(course) if role == "grader" else "")
        assert spawner.environment.get("AUTOGRADER_COURSE") == (str(course) if role == "grader" else None)
        assert spawner.environment.get("AUTOGRADER_LANG") == ("zh" if role == "grader" else None)


def test_the_hub_config_says_which_setting_is_missing(tmp_path, monkeypatch):
    with pytest.raises(SystemExit, match="set AUTOGRADER_COURSE"):
        _load_hub_config(monkeypatch)
    with pytest.raises(SystemExit, match=rf"{tmp_path / '.venv' / 'bin'}/jupyterhub-singleuser is missing"):
        _load_hub_config(monkeypatch, AUTOGRADER_COURSE=str(tmp_path),
                         AUTOGRADER_GRADER=pwd.getpwuid(os.getuid()).pw_name)
    settings = dict(AUTOGRADER_COURSE=str(tmp_path), AUTOGRADER_GRADER=pwd.getpwuid(os.getuid()).pw_name,
                    AUTOGRADER_GRADER_ENV=sys.prefix)
    with pytest.raises(SystemExit, match=r"cannot read .*nbgrader_config.py as .*ConfigFileNotFound"):
        _load_hub_config(monkeypatch, **settings)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'x'\n")
    with pytest.raises(SystemExit, match=r"must set c.CourseDirectory.course_id and c.Exchange.root"):
        _load_hub_config(monkeypatch, **settings)


def test_the_students_environment_pins_what_pyproject_pins():
    import tomllib

    pinned = dict(line.split("==") for line in (DEPLOY / "student-requirements.txt").read_text().splitlines()
                  if line and not line.startswith("#"))
    project = {}
    for requirement in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]:
        name, version = requirement.split("==")
        project[name.split("[")[0]] = version
    assert pinned and {name: project.get(name) for name in pinned} == pinned
    assert "jupyterhub" in pinned and "nbgrader" in pinned and "torch" in pinned
