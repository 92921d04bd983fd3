"""No process a grading run starts outlives it: pool processes, fork servers and sandboxed workers end
with the run, whichever signal ends it (SIGKILL included, which leaves no chance to clean up)."""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder import corpus

from helpers import CLASS_ASSIGNMENT as ASSIGNMENT, CLASS_NOTEBOOK, REPO, released_course

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, start time) of every live (not zombie) process on the machine."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] == "Z":  # it has ended; only its exit status waits for a parent (or PID 1) to read it
                continue
            table[int(entry.name)] = (int(fields[1]), fields[19])  # ppid, starttime (same pid reused is not the same)
    return table


def descendants(root: int) -> set[tuple[int, str]]:
    table = processes()
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in table.items() if ppid in frontier}
        found |= {(pid, table[pid][1]) for pid in frontier}
    return found


def still_running(seen: set[tuple[int, str]]) -> list[str]:
    table = processes()
    alive = [pid for pid, started in seen if pid in table and table[pid][1] == started]
    return [f"{pid}: {_cmdline(pid)[:120]}" for pid in alive]


def unreaped(seen: set[tuple[int, str]]) -> list[int]:
    """The processes of ``seen`` that ended but whose exit status nobody read (zombies)."""
    found = []
    for pid, started in seen:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z" and fields[19] == started:
            found.append(pid)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:  # it ended meanwhile
        return "(ended)"


@pytest.fixture
def slow_class(tmp_path):
    """A course with six submissions of 01 whose first answer cell sleeps 30 s: every grading is mid-way for long."""
    root = released_course(tmp_path / "course")
    solution = nbformat.read(str(REPO / "solutions" / ASSIGNMENT / CLASS_NOTEBOOK), as_version=4)
    answer = next(c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "any_reshape")
    sleepy = corpus.apply(solution, {"any_reshape": "import time\ntime.sleep(30)\n" + answer})
    for student in range(6):
        folder = root / "submitted" / f"s{student}" / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(sleepy, str(folder / CLASS_NOTEBOOK))
    return root


def start_grading(root: Path, sandbox: str = "", temp: Path | None = None) -> tuple[subprocess.Popen, set[tuple[int, str]]]:
    """A class grading with two pool processes, once a sandboxed worker of each runs a student's cell;
    with every process it started by then.  ``sandbox="none"``: without bubblewrap's PID namespace; ``temp``: its
    temp folder."""
    run = subprocess.Popen([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--workers", "2"], cwd=root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "AUTOGRADER_SANDBOX": sandbox, **({"TMPDIR": str(temp)} if temp else {})})
    seen: set[tuple[int, str]] = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and run.poll() is None:
        seen |= descendants(run.pid)
        if len([pid for pid, _ in seen if "/jobs/job-" in _cwd(pid)]) >= 2:  # a worker runs in its job's folder
            time.sleep(1)
            return run, seen | descendants(run.pid)
        time.sleep(0.2)
    run.kill()
    pytest.fail(f"no worker started within 180 s: {run.communicate()[1][-2000:]}")


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def gone_within(seen: set[tuple[int, str]], seconds: float) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := still_running(seen)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.parametrize("sandbox", ["", "none"], ids=["bubblewrap", "reduced"])
def test_a_grading_run_killed_with_sigkill_leaves_no_process(slow_class, sandbox):
    run, seen = start_grading(slow_class, sandbox)
    assert len(seen) >= 6  # two pool processes, each with a fork server and a job (and bwrap's own)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert gone_within(seen, 5) == []


def test_the_next_fork_server_removes_the_folders_a_killed_run_left(slow_class, tmp_path, monkeypatch):
    from autograder.sandbox.forkserver import ForkServer

    temp = tmp_path / "tmp"
    temp.mkdir()
    run, seen = start_grading(slow_class, temp=temp)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert gone_within(seen, 5) == []
    def servers() -> list[str]:
        return sorted(p.name for p in temp.iterdir() if p.name.startswith("autograder-forkserver-"))

    assert servers()  # nothing could remove them: their servers died with the run
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    live = ForkServer(wait=False)
    try:
        assert servers() == [Path(live.home).name]  # a live server's is kept
        ForkServer(wait=False).close()
        assert Path(live.home).is_dir()
    finally:
        live.close()


def test_a_grading_run_stopped_with_sigterm_ends_cleanly(slow_class, no_reaping_init):
    run, seen = start_grading(slow_class)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=30)
    assert gone_within(seen, 5) == []
    assert unreaped(seen) == []  # a clean stop reads its processes' exit status itself, not PID 1
    assert run.returncode in (143, -signal.SIGTERM)
    assert "leaked" not in stderr and "Traceback" not in stderr, stderr


def test_a_pooled_run_that_ends_leaves_no_fork_server_folder(tmp_path):
    # pool processes end with os._exit (multiprocessing's fork server): their graders must be closed before that, or
    # every run leaves each fork server's folder in the temp folder

    script = (
        "import sys\nfrom pathlib import Path\nfrom autograder.pool import Task, grade_many, reaping_orphans\n"
        "if __name__ == '__main__':\n"
        "    task = Task(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))\n"
        "    with reaping_orphans():\n"
        "        print(sorted(r.score for _, r in grade_many([task] * 3, workers=2)))\n")
    source = REPO / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    solution = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-c", script, ASSIGNMENT, source, solution], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "TMPDIR": str(temp)}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("Fraction(") == 3
    assert sorted(p.name for p in temp.iterdir() if p.name.startswith("autograder-")) == []
