"""What only 06's checks use: training steps and state dicts (imported as ``checks_06_optimizer_loop``)."""
from __future__ import annotations

from typing import Any

import torch

from autograder.checking import expect, expect_device_safe
from autograder.student import Remote

ROOT = "data"  # the MNIST root the notebook is given (its files are in root/MNIST/raw, next to the notebook)


def param_versions(student: Any, model: Any) -> list:
    """Each parameter's in-place version counter (optimizer.step() updates parameters in place)."""
    getattr_ = student.builtin("getattr")
    listed = student.builtin("list")
    return listed(student.builtin("map")(getattr_, model.attr("parameters")(), ["_version"] * 64))


def expect_step_on_meta(call, before: list, after: list, what: str) -> None:
    """With the model and the batch on 'meta' a training step runs until a value is read (loss.item()).

    Copying a meta tensor out (.cpu(), .to('cpu')) is harmless only after optimizer.step() (reading the loss);
    before it, the batch or the model was moved off the device the caller chose.
    """
    message = call.error_message.lower()
    if call.raised == "NotImplementedError" and "cannot copy out of meta tensor" in message and "device" not in message:
        expect(len(after) == len(before) and any(a > b for a, b in zip(after, before)),
               "{what} moved a tensor off the 'meta' device before the parameters were updated: do not move the batch "
               "or the model to a fixed device (.cpu(), .to('cpu'), a global device); keep them on the device the "
               "caller put them on. {error}: {message}", what=what, error=call.raised, message=call.error_message[:60])
        return
    expect_device_safe(call, what)


def same(a: dict, b: dict, atol: float = 1e-6) -> bool:
    """Two state dicts with the same keys and values equal up to float32 rounding of a few steps."""
    return a.keys() == b.keys() and all(torch.allclose(a[n], b[n], rtol=1e-4, atol=atol) for n in a)


def plant_grads(student, model: Remote, grads: list) -> None:
    """Set each parameter's .grad in the worker, as an earlier backward pass would have left it."""
    setter = student.builtin("map")(student.builtin("setattr"), model.attr("parameters")(), ["grad"] * len(grads),
                                    grads)
    student.builtin("list")(setter)
