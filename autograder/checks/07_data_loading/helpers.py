"""What only 07's checks use: describing what a dataset or loader yields (imported as ``checks_07_data_loading``)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import torch

from autograder.checking import describe, expect, fail
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


@contextmanager
def keeping_the_reproducer(student):
    """Calls that read back what the student's call left (a model's parameters, a file it wrote): the reproducer keeps
    showing the student's call."""
    session = getattr(student, "_session", None)
    sent = getattr(session, "last_call", None)
    try:
        yield
    finally:
        if session is not None:
            session.last_call = sent


# Run in the worker on a model handle: each parameter's name, shape and requires_grad, as plain data
PARAMETERS_PROBE = "lambda m: [(n, tuple(p.shape), bool(p.requires_grad)) for n, p in m.named_parameters()]"


def parameters_of(student, model: Any, what: str) -> list[tuple[str, tuple, bool]]:
    """(name, shape, requires_grad) of every parameter of the nn.Module ``model`` (a handle), read in the worker."""
    expect(isinstance(model, Remote), "{what} gave a {kind}; expected an nn.Module", what=what, kind=kind(model))
    with keeping_the_reproducer(student):
        call = student.builtin("eval")(PARAMETERS_PROBE, {}).call(model)
    if call.raised:
        fail("{what} is an object of type {type} whose parameters cannot be listed ({error}); expected an nn.Module",
             what=what, type=(model._type or "object").rsplit(".", 1)[-1], error=call.raised)
    return [(str(n), tuple(shape), bool(flag)) for n, shape, flag in call.result()]


def grid_shape(b: int, c: int, h: int, w: int, nrow: int, padding: int) -> tuple[int, int, int]:
    """The shape make_grid gives a batch of b >= 2 images of c x h x w: nrow images per row."""
    cols = min(nrow, b)
    rows = -(-b // cols)
    return c, rows * (h + padding) + padding, cols * (w + padding) + padding


def grid_oracle(images: torch.Tensor, nrow: int, padding: int, pad_value: float) -> torch.Tensor:
    """make_grid(images, nrow=nrow, padding=padding, pad_value=pad_value) for a batch of b >= 2 images, written out."""
    b, c, h, w = images.shape
    cols = min(nrow, b)
    out = torch.full(grid_shape(b, c, h, w, nrow, padding), pad_value, dtype=images.dtype)
    for k in range(b):
        row, col = divmod(k, cols)
        y, x = row * (h + padding) + padding, col * (w + padding) + padding
        out[:, y:y + h, x:x + w] = images[k]
    return out


def expect_grid_shape(got: tuple, images: torch.Tensor, nrow: int, padding: int, what: str) -> None:
    """The grid's shape, with the misreading of nrow or padding named when the shape shows it."""
    b, c, h, w = images.shape
    want = grid_shape(b, c, h, w, nrow, padding)
    if got == want:
        return
    rows = min(nrow, b)
    as_rows = (c, rows * (h + padding) + padding, -(-b // rows) * (w + padding) + padding)
    if got == as_rows:
        fail("{what} has shape {got}, laid out with {nrow} rows; nrow is the number of images in each ROW (the number of "
             "columns): expected {want}", what=what, got=got, nrow=nrow, want=want)
    if padding and got == grid_shape(b, c, h, w, nrow, 0):
        fail("{what} has shape {got}, without the padding; {padding} pixels go between the images and around the "
             "grid: expected {want}", what=what, got=got, padding=padding, want=want)
    if padding and got == (c, want[1] - 2 * padding, want[2] - 2 * padding):
        fail("{what} has shape {got}: padding only between the images; it goes around the grid too: expected {want}",
             what=what, got=got, want=want)
    fail("{what} has shape {got}; {b} images of {h}x{w} with {nrow} per row and padding {padding} give {want}",
         what=what, got=got, b=b, h=h, w=w, nrow=nrow, padding=padding, want=want)


def tensor_batches(batches: list, what: str) -> list[torch.Tensor]:
    """The 1-D tensor of dataset values each batch of a TensorDataset loader holds (the default collate_fn's list
    of one tensor); fails the check on anything else."""
    out = []
    for batch in batches:
        if isinstance(batch, (list, tuple)) and len(batch) == 1:
            batch = batch[0]
        if not isinstance(batch, torch.Tensor) or batch.dim() != 1:
            fail("{what} yielded a batch that is a {kind}; a TensorDataset batch is a list holding one 1-D tensor "
                 "(keep the default collate_fn)", what=what, kind=kind(batch))
        out.append(batch)
    return out
