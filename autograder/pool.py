"""Running many gradings: in this process, in a pool of local processes, or on a Dask cluster.

A ``Task`` names what to grade; ``run_task`` grades it wherever it runs (the
course must be at the same path there, with this package installed).  Results
come back to the caller, which is the only one that writes the gradebook.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .results import SubmissionResult
from .sandbox import Limits
from .sandbox.worker import die_with_parent


@dataclass(frozen=True)
class Task:
    assignment: str
    source: Path  # the source notebook
    submission: Path | None = None  # a submitted file ...
    notebook_json: str | None = None  # ... or a notebook built in memory (verify's variants)
    label: str = ""
    limits: Limits = field(default_factory=Limits)
    devices: tuple[str, ...] = ("cpu",)  # where device-parametrized checks run (devices.grading_devices)
    check_unanswered: bool = False  # run the checks of parts left as released too (verify, on the stubs)
    replay: bool = False  # then run each failed check's reproducer after the notebook's cells (verify, on mutants)
    # each answer cell's text as released (notebook.released_answers, nbgrader's own step), where the task is made;
    # without it the grader makes it, importing nbgrader (a second, in each of a pool's processes)
    released: tuple[tuple[str, str], ...] | None = None


# One Grader (and so one warm fork server) per source notebook, per process that runs tasks.
_graders: dict[tuple[str, Path, Limits, tuple[str, ...]], object] = {}
# The fork servers this process's graders take before starting their own: in a pool's process, those the run's main
# process started for the pool (shared_fork_servers); in a `grade` command's process, those it started first thing
# (start_fork_servers_early).
_fork_servers: tuple = ()
# Fork servers this process started first thing, for shared_fork_servers to hand to the pool (they end with it).
_early: list = []


def fork_server_kind(source, devices: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """The fork server a grading of the ``source`` notebook needs, as a key: whether its workers may use CUDA, and the
    modules it imports before forking them (the notebook's own imports).  The one definition for a run's main process,
    which starts the servers its pool shares, and for each grader, which takes the share that fits (or starts its
    own: a mismatch would not be wrong, only slow)."""
    from . import notebook as nb

    return "cuda" in devices, tuple(nb.imported_modules(source))


def grader_for(assignment: str, source: Path, limits: Limits = Limits(), devices: tuple[str, ...] = ("cpu",),
               released: tuple[tuple[str, str], ...] | None = None):
    """This process's grader for a source notebook, made on first use and kept warm (with its fork server)
    for every later grading of that notebook in this process; it ends with the process."""
    from .grader import Grader

    key = (assignment, source.resolve(), limits, devices)
    if key not in _graders:
        _graders[key] = Grader(assignment, source, limits=limits, devices=devices, fork_servers=_fork_servers,
                               released=None if released is None else dict(released))
    return _graders[key]


def run_task(task: Task, grader=None) -> SubmissionResult:
    """Grade one task with ``grader`` (default: this process's warm one for its notebook); never raises."""
    from . import notebook as nb

    try:
        grader = grader or grader_for(task.assignment, task.source, task.limits, task.devices, task.released)
    except Exception as exc:
        return _internal_error(task, exc)
    try:
        if task.submission is not None:
            return grader.grade(task.submission, task.check_unanswered)
        notebook = nb.nbformat.reads(task.notebook_json, as_version=4)
        result = grader.grade_notebook(notebook, Path(task.label), task.check_unanswered)
        if task.replay:
            snippets = list(dict.fromkeys(c.reproducer for p in result.parts for c in p.checks
                                          if not c.passed and c.reproducer))
            result.replayed = dict(zip(snippets, grader.replay(notebook, snippets)))
        return result
    except Exception as exc:  # the grader's own failure: report it, keep the batch going, grade it again later
        return _internal_error(task, exc, grader)


def _internal_error(task: Task, exc: Exception, grader=None) -> SubmissionResult:
    reason = f"the grader itself failed here ({type(exc).__name__}: {exc}); this is not a grade"
    path = task.submission or Path(task.label)
    try:
        result = grader.zero(path, reason) if grader is not None else None
    except Exception:
        result = None
    if result is None:  # not even the check names: a result with no parts, which is recorded nowhere
        result = SubmissionResult(task.assignment, str(path), [], output=reason)
    result.output = reason
    result.internal_error = True
    return result


def grade_many(tasks: Iterable[Task], workers: int = 1, scheduler: str | None = None,
               pool: ProcessPoolExecutor | None = None) -> Iterator[tuple[int, SubmissionResult]]:
    """``(index, result)`` for every task, in the order they finish.

    ``pool`` (from ``warm_pool``) is a pool the caller keeps across calls, whose processes keep their graders
    warm; without it, ``workers`` > 1 starts a pool for this call only."""
    tasks = list(tasks)
    if scheduler:
        yield from _on_dask(tasks, scheduler)
    elif pool is not None:
        yield from _on_pool(pool, tasks)
    elif workers <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            yield index, run_task(task)
    else:
        with _sigterm_exits(), shared_fork_servers(tasks) as servers, \
                warm_pool(min(workers, len(tasks)), servers) as pool:
            yield from _on_pool(pool, tasks)


# What every grading process imports before its first grading (seconds each): imported once, in multiprocessing's
# fork server, and inherited by every pool process forked from it.
POOL_PRELOAD = ["torch", "numpy", "hypothesis", "pytest", "autograder.grader"]


def grades_with_a_pool(argv: list[str]) -> bool:
    """Whether the command line ``argv`` grades in a pool of local processes (``grade`` or ``verify`` with more than
    one worker, the default on a machine with several cores); read without importing the command line's parser."""
    if not argv or argv[0] not in ("grade", "verify") or "--scheduler" in argv or {"-h", "--help"} & set(argv):
        return False
    value = _value(argv, "--workers")  # a bad value: the parser reports it, and nothing is graded
    workers = len(os.sched_getaffinity(0)) if value is None else int(value) if value.isdigit() else 1
    return workers > 1


def start_forkserver() -> None:
    """Start the fork server pool processes come from now, so that it imports POOL_PRELOAD while this process
    does other work (a pool starts it anyway, when it needs its first process)."""
    from multiprocessing import forkserver

    multiprocessing.set_forkserver_preload(POOL_PRELOAD)
    forkserver.ensure_running()


def start_fork_servers_early(argv: list[str]) -> None:
    """For ``grade ASSIGNMENT ...`` (``argv``): start the sandboxed fork servers its gradings will need now, before
    this process imports nbgrader and reads the course, so that they import torch meanwhile (seconds of a cold run).

    The notebooks are guessed (nbgrader's default layout, ``source/ASSIGNMENT/*.ipynb`` in the course found from
    here) and only for CPU grading: a server serves any grading of its kind (``fork_server_kind``), and a wrong
    guess only costs its start.  Anything unexpected: no early start, never an error."""
    global _fork_servers
    try:
        from . import notebook as nb
        from .course import find_root
        from .devices import gpu_nodes
        from .sandbox.forkserver import ForkServer

        assignment = _positionals(argv)[1]
        device = _value(argv, "--device") or "auto"
        if _value(argv, "--scheduler") or device == "cuda" or (device == "auto" and gpu_nodes()):
            return  # gradings elsewhere, or on a GPU: whether they are CUDA gradings takes torch to tell

        sources = sorted((find_root() / "source" / assignment).glob("*.ipynb"))
        kinds = {fork_server_kind(nb.read_source(path), ("cpu",)) for path in sources}
        _early.extend(ForkServer(preload=preload, wait=False) for _cuda, preload in sorted(kinds))
        _fork_servers = tuple(server.share() for server in _early)
    except Exception:
        return


def _positionals(argv: list[str]) -> list[str]:
    """The command line's words that are not options or their values (the grade command's options)."""
    with_values = {"--workers", "--scheduler", "--student", "--device", "--course", "--db"}
    words, skip = [], False
    for word in argv:
        if skip:
            skip = False
        elif word in with_values:
            skip = True
        elif not word.startswith("-"):
            words.append(word)
    return words


def _value(argv: list[str], option: str) -> str | None:
    """The value the command line gives ``option`` (``--option V`` or ``--option=V``; the last, as the parser
    takes it), None when it gives none."""
    found = None
    for i, word in enumerate(argv):
        if word == option and i + 1 < len(argv):
            found = argv[i + 1]
        elif word.startswith(option + "="):
            found = word.partition("=")[2]
    return found


@contextmanager
def shared_fork_servers(tasks: list[Task]) -> Iterator[tuple]:
    """Sandboxed fork servers for a pool's processes to share, one per kind of server the ``tasks`` need, started
    now (each imports torch while the pool's processes start) and stopped when the block ends (after the pool).

    Without them each pool process would start its own when it grades first: a second or more of CPU each, after
    the pool's processes are up.  A pool process that finds its share broken starts its own."""
    from . import notebook as nb
    from .sandbox.forkserver import ForkServer

    early = {(server.cuda, server.preload): server for server in _early}  # started first thing by the command
    servers = {}
    try:
        for task in {(task.source, task.devices): task for task in tasks}.values():
            try:
                kind = fork_server_kind(nb.read_source(task.source), task.devices)
                if kind not in servers:
                    servers[kind] = early.pop(kind, None) or ForkServer(cuda=kind[0], preload=kind[1], wait=False)
            except Exception:  # the gradings meet this again, each reported where it belongs
                continue
        yield tuple(server.share() for server in servers.values())
    finally:
        for server in [*servers.values(), *early.values()]:
            server.close()
        _early.clear()


@contextmanager
def warm_pool(workers: int, fork_servers: tuple = ()) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` grading processes for as long as the block lasts; each dies with this process.

    ``fork_servers`` (from ``shared_fork_servers``): sandboxed fork servers the pool's processes use instead of
    starting their own."""
    # Forked from multiprocessing's fork server (a clean process started for this one, which imports
    # POOL_PRELOAD once), not from this process: this one may hold torch threads and open gradebook connections
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(POOL_PRELOAD)
    # Each pool process dies with its parent, that fork server, which exits when this process does (by any
    # signal): a grading run killed outright leaves nothing.  It is handed this process's environment as it is now
    # (the course's feedback language, AUTOGRADER_SANDBOX...), not the one that fork server started with.
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_pool_process_started,
                             initargs=(dict(os.environ), fork_servers)) as pool:
        yield pool


def _pool_process_started(environment: dict[str, str], fork_servers: tuple) -> None:
    """In each pool process, first: take this run's ``environment`` and its shared ``fork_servers``, die with the
    fork server it was forked from, let that one die with this run, and stop this process's graders when it ends."""
    global _fork_servers
    from multiprocessing import forkserver, util

    os.environ.clear()
    os.environ.update(environment)
    _fork_servers = fork_servers

    # multiprocessing hands every process it forks a copy of the pipe end whose closing (by every holder) tells its
    # fork server to exit; held here too, the fork server would outlive a killed run, and so would this process
    alive = getattr(forkserver._forkserver, "_forkserver_alive_fd", None)
    if alive is not None:
        os.close(alive)
        forkserver._forkserver._forkserver_alive_fd = None
    die_with_parent(os.getppid())
    # a process forked by that server ends with os._exit, after multiprocessing's finalizers but without atexit:
    # the graders' own finalizers would not run, and each fork server's folder would stay behind in the temp folder
    util.Finalize(None, close_graders, exitpriority=10)


def _on_pool(pool: ProcessPoolExecutor, tasks: list[Task]) -> Iterator[tuple[int, SubmissionResult]]:
    try:
        futures = {pool.submit(run_task, task): index for index, task in enumerate(tasks)}
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:  # Ctrl-C, SIGTERM, the caller stopped early: stop now, not after the running gradings
        for process in list(pool._processes.values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise


def close_graders() -> None:
    """End this process's warm graders (and their fork servers) now, instead of when the process ends."""
    while _graders:
        _, grader = _graders.popitem()
        grader.close()


@contextmanager
def reaping_orphans(seconds: float = 2.0) -> Iterator[None]:
    """For as long as the block lasts this process adopts the orphans of every process it started
    (PR_SET_CHILD_SUBREAPER), and when the block ends it reaps what is left, waiting at most ``seconds``.

    A pool process killed on Ctrl-C or SIGTERM takes its fork servers down with it (they die with their
    parent) but cannot reap them; without this they would be reparented to PID 1, which in a container
    may never reap them, and stay listed after the run."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER (Linux)
    except (OSError, AttributeError):
        pass
    try:
        yield
    finally:
        # multiprocessing's resource tracker and fork server (children started with the first pool) would otherwise
        # exit only after this process, as orphans
        from multiprocessing import forkserver, resource_tracker

        if getattr(forkserver._forkserver, "_forkserver_pid", None):
            try:  # asked to stop, it would shut down an interpreter holding torch (a second); it holds nothing to keep
                os.kill(forkserver._forkserver._forkserver_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for helper in (forkserver._forkserver, resource_tracker._resource_tracker):
            stop = getattr(helper, "_stop", None)
            if stop is not None:
                stop()
        deadline = time.monotonic() + seconds
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:  # no child left
                break
            if pid == 0:  # children still running: they are dying with their parents
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """While a pool runs, SIGTERM ends the run as Ctrl-C does (SystemExit), so the pool is shut down in order
    instead of leaving its queues' semaphores for multiprocessing's resource tracker to warn about."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _on_dask(tasks: list[Task], scheduler: str) -> Iterator[tuple[int, SubmissionResult]]:
    from distributed import Client, as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        # gradings with CUDA checks go only to workers started with `--resources GPU=1`
        gpu = {"GPU": 1} if any("cuda" in t.devices for t in tasks) else None
        futures = client.map(run_task, tasks, pure=False, resources=gpu,
                             key=[f"grade-{i}-{t.label or t.submission}" for i, t in enumerate(tasks)])
        index = {future.key: i for i, future in enumerate(futures)}
        for future in dask_completed(futures):
            yield index[future.key], future.result()
