"""What only 07's checks use: describing what a dataset or loader yields (imported as ``checks_07_data_loading``)."""
from __future__ import annotations

from typing import Any

from autograder.checking import describe, expect
from autograder.student import Remote


def kind(value: Any) -> str:
    """describe() for tensors and arrays, the type's name for anything else (no list reprs in messages)."""
    return describe(value) if hasattr(value, "shape") and hasattr(value, "dtype") else type(value).__name__


def listed(values: Any) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")"


def expect_a_dataloader(loader: Any, name: str) -> None:
    """What ``name`` (a function of the notebook that builds a DataLoader) returned is an object of the worker."""
    expect(isinstance(loader, Remote), "{name} returned a {kind}; return the DataLoader itself", name=name,
           kind=kind(loader))


def expect_no_worker_processes(student, loader: Remote, name: str) -> None:
    """The loader that ``name`` built reads in the worker's own process (num_workers=0)."""
    workers = student.builtin("getattr")(loader, "num_workers", 0)
    expect(not isinstance(workers, int) or workers == 0,
           "{name} starts worker processes (num_workers={workers}); keep the default num_workers=0 as the task says: "
           "grading runs without extra processes", name=name, workers=workers)
