"""The student's path in JupyterLab, driven in a real browser.

A `jupyter lab` server (this venv, nbgrader's lab and server extensions) runs on loopback over a
scratch course holding nbgrader_config.py and the released notebook of 01_view_reshape.  Headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright; nothing is downloaded) opens the notebook,
pastes an answer into one solution cell's editor, runs all cells, reads the visible tests' outputs,
then presses nbgrader's Validate button and reads its dialog.  Once with a correct answer, once with a
wrong one.  Screenshots of every step go to build/screenshots/browser/ and their paths are printed.

Without Chromium the tests skip, unless AUTOGRADER_REQUIRE_BROWSER is set (.ci/run sets it and
installs Debian's chromium package), in which case they fail.
"""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "01_view_reshape"
RELEASED = REPO / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
SOLUTION = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
NOTEBOOK = f"assignments/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # where the student opens it, inside the scratch course
PART = "make_grid"                                         # the one solution cell the student fills
SCREENSHOTS = REPO / "build" / "screenshots" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
JUPYTER = Path(sys.executable).with_name("jupyter")

# Generous: the machine is slow and shared, a kernel pays for `import torch`, Validate runs the
# whole notebook again in a kernel of its own.
SERVER_START_S = 60
UI_MS = 60_000
RUN_ALL_MS = 90_000
VALIDATE_MS = 120_000

# What the visible test of make_grid prints for the wrong answer below (rows and cols swapped).
WRONG_MESSAGE = "形状应为 (2, 3)，实际为 (3, 2)"

pytestmark = [pytest.mark.slow, pytest.mark.integration]  # a JupyterLab server and headless Chromium (~15 s a test)


def _require_chromium() -> None:
    if os.access(CHROMIUM, os.X_OK):
        return
    message = f"{CHROMIUM} not found: install Debian's chromium package (.ci/run does)"
    if os.environ.get("AUTOGRADER_REQUIRE_BROWSER", "") not in ("", "0"):
        pytest.fail(message + "; AUTOGRADER_REQUIRE_BROWSER is set, so this fails instead of skipping")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cells_by_grade_id(path: Path) -> dict[str, tuple[int, nbformat.NotebookNode]]:
    notebook = nbformat.read(path, as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: (index, cell)
            for index, cell in enumerate(notebook.cells) if "nbgrader" in cell.metadata}


def _correct_answer() -> str:
    """The worked solution of PART, as a student would write it (without nbgrader's markers)."""
    source = _cells_by_grade_id(SOLUTION)[PART][1].source
    lines = [line for line in source.splitlines() if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(lines)


def _wrong_answer() -> str:
    """The released stub of PART with a plausible mistake in place of the `raise`: rows and cols swapped."""
    stub = _cells_by_grade_id(RELEASED)[PART][1].source
    wrong = stub.replace("raise NotImplementedError()", "return torch.arange(rows * cols, dtype=dtype).view(cols, rows)")
    assert wrong != stub, "the released stub of make_grid no longer ends in raise NotImplementedError()"
    return wrong


class Lab:
    """A running `jupyter lab` over a scratch course; `api()` talks to its REST API."""

    def __init__(self, root: Path, url: str, token: str, process: subprocess.Popen, log: Path):
        self.root, self.url, self.token, self.process, self.log = root, url, token, process, log

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _jupyter_env(home: Path) -> dict[str, str]:
    """Jupyter's per-user folders in the scratch folder, so nothing of the machine's user leaks in
    (the venv's own config, which enables nbgrader's extensions, still applies)."""
    env = dict(os.environ)
    for name, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                      ("IPYTHONDIR", "ipython"), ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                      ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"), ("MPLCONFIGDIR", "matplotlib")]:
        env[name] = str(home / sub)
        (home / sub).mkdir(parents=True, exist_ok=True)
    env["PATH"] = f"{JUPYTER.parent}{os.pathsep}{env.get('PATH', '')}"
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONPATH", "AUTOGRADER_DB_URL"):
        env.pop(name, None)
    # No request leaves the machine: no news feed, no update check, no extension manager searches.
    (home / "config" / "jupyter_server_config.py").write_text(
        "c.LabApp.news_url = None\n"
        "c.LabApp.check_for_updates_class = 'jupyterlab.handlers.announcements.NeverCheckForUpdate'\n"
        "c.LabApp.extension_manager = 'readonly'\n")
    settings = {
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # Every cell stays in the DOM (no virtual scrolling), so cells can be found by position.
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    }
    for plugin, values in settings.items():
        path = home / "lab-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return env


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _require_chromium()
    scratch = tmp_path_factory.mktemp("browser")
    course = scratch / "course"
    (course / "assignments" / ASSIGNMENT).mkdir(parents=True)
    # nbgrader's Validate reads nbgrader_config.py from the server's working folder and executes
    # the notebook itself: it needs neither source/ nor the gradebook.
    shutil.copy(REPO / "nbgrader_config.py", course)
    env = _jupyter_env(scratch / "home")
    port, token = _free_port(), secrets.token_hex(24)
    command = [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = scratch / "jupyter.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = Lab(course, f"http://127.0.0.1:{port}", token, process, log)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer within {SERVER_START_S} s:\n{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        # The server's process group: the server and the kernels it started.
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # kernels left behind by a server that exited first
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def playwright_driver():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def student(lab, playwright_driver, tmp_path, request):
    """A fresh copy of the released notebook and a fresh headless Chromium (own profile) on the lab."""
    shutil.copy(RELEASED, lab.root / NOTEBOOK)
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
        viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(UI_MS)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        yield page
    finally:
        try:  # what the page looked like at the end (the last word when a step timed out)
            path = SCREENSHOTS / f"{request.node.name.split('_')[1]}-at-teardown.png"
            page.screenshot(path=str(path), timeout=10_000)
            print(f"screenshot: {path.relative_to(REPO)}")
        except Exception:
            pass
        context.close()
        # The next test opens the same path: shut the kernel of this one.
        try:
            for session in lab.api("GET", "/api/sessions"):
                lab.api("DELETE", f"/api/sessions/{session['id']}")
        except OSError:
            pass


class Screenshots:
    def __init__(self, case: str):
        self.case, self.count = case, 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{case}-*.png"):
            old.unlink()

    def take(self, page, step: str) -> None:
        self.count += 1
        path = SCREENSHOTS / f"{self.case}-{self.count}-{step}.png"
        page.screenshot(path=str(path))
        print(f"screenshot: {path.relative_to(REPO)}")


# ---------------------------------------------------------------- the browser side

def _cells(page):
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")


def _wait_kernel_idle(page) -> None:
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(timeout=RUN_ALL_MS)


def _execution_count(cell) -> str:
    return cell.locator(".jp-InputPrompt").first.inner_text().strip()


def _outputs(cell) -> str:
    return "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts())


def _open_notebook(page, lab, expected_cells: int) -> None:
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?reset&token={lab.token}")
    cells = _cells(page)
    cells.nth(expected_cells - 1).wait_for()
    assert cells.count() == expected_cells
    _wait_kernel_idle(page)
    # The labextension's Validate button is in the notebook's toolbar.
    page.locator(".jp-NotebookPanel-toolbar .validate-button").wait_for()


def _fill_cell(page, cell, text: str) -> None:
    """Replace the cell's code as a student would: click into its editor, select all, paste."""
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    shown = "\n".join(cell.locator(".cm-line").evaluate_all("lines => lines.map(line => line.textContent)"))
    assert shown.strip() == text.strip(), f"the editor shows\n{shown}"
    page.keyboard.press("Escape")  # leave edit mode


def _run_all(page, last_cell) -> None:
    """Run > Run All Cells; wait until `last_cell` (where Run All is expected to stop) has run and the
    kernel is idle again."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()  # "Run All Cells"
    # The kernel may still look idle before the first request goes out: wait for the cell first.
    deadline = time.monotonic() + RUN_ALL_MS / 1000
    while not re.search(r"\[\d+\]", _execution_count(last_cell)):
        assert time.monotonic() < deadline, "Run All did not reach the cell where it should stop"
        time.sleep(0.25)
    _wait_kernel_idle(page)


def _validate(page) -> tuple[str, list[tuple[str, str]], object]:
    """Press Validate; return the dialog's title and its (cell source, error) pairs, and the dialog."""
    page.locator(".jp-NotebookPanel-toolbar jp-button.validate-button").click()
    message = page.locator(".jp-Dialog #validation-message")
    message.wait_for(timeout=VALIDATE_MS)
    dialog = page.locator(".jp-Dialog")
    title = dialog.locator(".jp-Dialog-header").inner_text().strip()
    # The dialog lists, per failing cell: "The following cell failed:", the cell's source, its error.
    blocks = message.locator(":scope > div.jp-RenderedText pre").all_inner_texts()
    failures = list(zip(blocks[0::2], blocks[1::2]))
    return title, failures, dialog


def _close_dialog(dialog) -> None:
    dialog.locator("button.jp-mod-accept").click()
    dialog.wait_for(state="detached")


def _student_session(page, lab, answer: str, shots: Screenshots, stops_at: int):
    """Open the notebook, paste `answer` into PART's cell, Run All; Run All should stop at the
    `stops_at`-th visible test (the first that fails)."""
    released = _cells_by_grade_id(RELEASED)
    index = {grade_id: position for grade_id, (position, _) in released.items()}
    tests = [grade_id for grade_id, (_, cell) in released.items() if cell.metadata["nbgrader"].get("grade")
             and cell.cell_type == "code"]
    assert tests[0] == f"test_{PART}", "the filled part should be the first graded part"
    notebook = nbformat.read(RELEASED, as_version=4)

    _open_notebook(page, lab, len(notebook.cells))
    cells = _cells(page)
    shots.take(page, "opened")

    cell = cells.nth(index[PART])
    assert f"def {PART}(" in cell.locator(".cm-content").inner_text()
    _fill_cell(page, cell, answer)
    cell.scroll_into_view_if_needed()
    shots.take(page, "answer-typed")

    _run_all(page, cells.nth(index[tests[stops_at]]))
    return released, index, tests, cells


def test_correct_answer_passes_its_visible_test_and_validate(lab, student):
    page, shots = student, Screenshots("correct")
    answer = _correct_answer()
    released, index, tests, cells = _student_session(page, lab, answer, shots, stops_at=1)

    filled = cells.nth(index[tests[0]])
    filled.scroll_into_view_if_needed()
    shots.take(page, "run-all")
    assert re.search(r"\[\d+\]", _execution_count(filled))
    assert "Error" not in _outputs(filled) and filled.locator(".jp-OutputArea-output").count() == 0
    # The next part is still the stub: its visible test raises NotImplementedError, and JupyterLab's
    # Run All stops there (the cells after it are not run).
    unfilled = cells.nth(index[tests[1]])
    assert "NotImplementedError" in _outputs(unfilled)
    unfilled.scroll_into_view_if_needed()
    shots.take(page, "run-all-next-part")
    for grade_id in tests[2:]:
        assert not re.search(r"\[\d+\]", _execution_count(cells.nth(index[grade_id]))), grade_id

    title, failures, dialog = _validate(page)
    shots.take(page, "validate")
    assert title == "Validation Results"
    sources = {released[grade_id][1].source.strip(): grade_id for grade_id in tests}
    failed = [sources.get(source.strip(), source) for source, _ in failures]
    assert failed == tests[1:], f"Validate listed {failed}"
    for grade_id, (_, error) in zip(failed, failures):
        assert "NotImplementedError" in error, (grade_id, error)
    _close_dialog(dialog)

    # Validate saved the notebook first: the answer reached the file exactly as pasted.
    saved = _cells_by_grade_id(lab.root / NOTEBOOK)[PART][1].source
    assert saved.strip() == answer.strip()


def test_wrong_answer_shows_the_visible_tests_message_in_the_cell_and_in_validate(lab, student):
    page, shots = student, Screenshots("wrong")
    answer = _wrong_answer()
    released, index, tests, cells = _student_session(page, lab, answer, shots, stops_at=0)

    filled = cells.nth(index[tests[0]])
    filled.scroll_into_view_if_needed()
    shots.take(page, "run-all")
    output = _outputs(filled)
    assert "AssertionError" in output and WRONG_MESSAGE in output, output
    # Run All stopped at the first failing test.
    for grade_id in tests[1:]:
        assert not re.search(r"\[\d+\]", _execution_count(cells.nth(index[grade_id]))), grade_id

    title, failures, dialog = _validate(page)
    shots.take(page, "validate")
    assert title == "Validation Results"
    sources = {released[grade_id][1].source.strip(): grade_id for grade_id in tests}
    failed = [sources.get(source.strip(), source) for source, _ in failures]
    assert failed == tests, f"Validate listed {failed}"
    assert "AssertionError" in failures[0][1] and WRONG_MESSAGE in failures[0][1], failures[0][1]
    for grade_id, (_, error) in zip(failed[1:], failures[1:]):
        assert "NotImplementedError" in error, (grade_id, error)
    _close_dialog(dialog)
