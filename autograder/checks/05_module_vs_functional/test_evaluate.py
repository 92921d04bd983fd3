"""Hidden checks for ``evaluate(model, x)``: eval() + no_grad(), and the model's mode restored.

The models are built in the worker from the notebook's ``nn`` (nn.Sequential of Linear,
BatchNorm1d, ReLU, Dropout); the oracle is the same architecture built here, loaded with
the worker model's state_dict and run in eval mode.  Whether autograd was on while the
model ran is read by a forward pre-hook on the model's first layer, which records
``torch.is_grad_enabled()`` each time that layer is called (the output's requires_grad alone
cannot tell no_grad() from a detach() after the fact, or see anything for a frozen model).
"""
from contextlib import contextmanager

import pytest
import torch
import torch.nn as nn
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _

ARCHITECTURES = {
    "dropout": [("Linear", (4, 16)), ("ReLU", ()), ("Dropout", (0.5,)), ("Linear", (16, 3))],
    "batchnorm": [("Linear", (4, 8)), ("BatchNorm1d", (8,)), ("ReLU", ()), ("Dropout", (0.3,)), ("Linear", (8, 2))],
}

# Built in the worker: a forward pre-hook recording torch.is_grad_enabled() into box.seen on every call of the layer
# it is registered on. The box is shared by reference, so even a deep copy of the model records there.
GRAD_MODE_PROBE = ("(lambda box: (lambda module, args: box.seen.append(__import__('torch').is_grad_enabled()), box))"
                   "(__import__('types').SimpleNamespace(seen=[]))")


def worker_model(student, kind: str):
    layers = [student.nn.attr(name)(*args) for name, args in ARCHITECTURES[kind]]
    return student.nn.attr("Sequential")(*layers)


def local_model(kind: str, state: dict) -> nn.Module:
    model = nn.Sequential(*[getattr(nn, name)(*args) for name, args in ARCHITECTURES[kind]])
    model.load_state_dict(state)
    return model.eval()


def modes(model, kind: str) -> list[bool]:
    """training flags of the model and of each child."""
    flags = [model.attr("training").get()]
    for i in range(len(ARCHITECTURES[kind])):
        flags.append(model.attr(str(i)).attr("training").get())
    return flags


def shown(flags: list[bool]) -> str:
    return ", ".join(map(str, flags))


def run(student, model, x):
    call = student.evaluate.call(model, x)
    out = call.result()
    if not isinstance(out, torch.Tensor):
        fail("evaluate returned {got}; it must return the model's output tensor", got=describe(out))
    return call, out


@pytest.fixture(autouse=True)
def autograd_on(student):
    """Each check starts, and leaves the worker, with autograd on, as a caller's code runs: an evaluate that switches
    it off for good (torch.set_grad_enabled(False)) loses points here only, not in the other parts' checks."""
    def switch_on():
        try:
            student.torch.attr("set_grad_enabled")(True)
        except Exception:  # the worker is gone: the check itself says why
            pass
    switch_on()
    yield
    switch_on()


@contextmanager
def keeping_the_reproducer(student):
    """Calls made to read the model's state after evaluate: the student's reproducer keeps showing evaluate's call."""
    session = getattr(student, "_session", None)
    sent = getattr(session, "last_call", None)
    try:
        yield
    finally:
        if session is not None:
            session.last_call = sent


def inputs(batch: int, seed: int) -> torch.Tensor:
    return torch.randn(batch, 4, generator=torch.Generator().manual_seed(seed)) * 2


@given(kind=st.sampled_from(sorted(ARCHITECTURES)), batch=st.integers(2, 8), seed=st.integers(0, 2**31 - 1),
       start=st.sampled_from(["train", "eval"]))
def test_output_is_the_eval_mode_output(student, kind, batch, seed, start):
    model = worker_model(student, kind)
    model.attr(start)()
    state = model.attr("state_dict")()
    x = inputs(batch, seed)
    _call, out = run(student, model, x)
    with torch.no_grad():
        expected = local_model(kind, state)(x)
    expect(tuple(out.shape) == tuple(expected.shape), "evaluate returned shape {got}; model(x) has shape {expected}",
           got=tuple(out.shape), expected=tuple(expected.shape))
    expect(torch.allclose(out.detach(), expected, rtol=1e-5, atol=1e-5),
           "evaluate's output differs from the eval-mode output (model in {start} mode, {kind} layers): call "
           "model.eval() (with parentheses) so Dropout stops dropping and BatchNorm uses its running statistics; "
           "model.training = False does not reach the submodules", start=start, kind=kind)


@requires(test_output_is_the_eval_mode_output)
def test_the_model_runs_with_autograd_off(student):
    for kind in sorted(ARCHITECTURES):
        for frozen in (False, True):  # a frozen model (no parameter requires grad) gives no graph even with autograd on
            student.torch.attr("set_grad_enabled")(True)  # an evaluate of the loop before may have switched it off
            model = worker_model(student, kind)
            if frozen:
                model.attr("requires_grad_")(False)
            hook, box = student.builtin("eval")(GRAD_MODE_PROBE, {})
            model.attr("0").attr("register_forward_pre_hook")(hook)
            _call, out = run(student, model, inputs(5, 1))
            expect(not out.requires_grad, "evaluate's output requires grad: compute it inside `with torch.no_grad():` so "
                                          "no graph is recorded (eval() alone does not turn off autograd)")
            seen = box.attr("seen").get()
            expect(not any(seen), "evaluate ran the model with autograd on (torch.is_grad_enabled() was True in the "
                                  "forward pass), which records a graph; detach() afterwards or requires_grad_(False) do "
                                  "not switch autograd off: call the model inside `with torch.no_grad():`")


@requires(test_output_is_the_eval_mode_output)
def test_autograd_is_back_on_after_the_call(student):
    model = worker_model(student, "dropout")
    run(student, model, inputs(5, 5))
    with keeping_the_reproducer(student):
        enabled = student.torch.attr("is_grad_enabled")()
    expect(enabled is True, "after evaluate, autograd is still off (torch.is_grad_enabled() is False), so later training "
                            "computes no gradients: use `with torch.no_grad():`, which switches it back on at the end of "
                            "the block, not torch.set_grad_enabled(False)")


@requires(test_output_is_the_eval_mode_output)
def test_a_model_in_train_mode_is_back_in_train_mode(student):
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        model.attr("train")()
        run(student, model, inputs(6, 2))
        flags = modes(model, kind)
        expect(all(flags), "after evaluate, a model that was in train mode has training flags {flags} (model, then each "
                           "layer); switch it back with model.train(was_training) so later training keeps its dropout",
               flags=shown(flags))


@requires(test_output_is_the_eval_mode_output)
def test_a_model_in_eval_mode_stays_in_eval_mode(student):
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        model.attr("eval")()
        run(student, model, inputs(6, 3))
        flags = modes(model, kind)
        expect(not any(flags), "after evaluate, a model that was in eval mode has training flags {flags}; restore the "
                               "mode it had before (remember model.training first), do not always call model.train()",
               flags=shown(flags))


@requires(test_output_is_the_eval_mode_output)
def test_parameters_buffers_and_x_are_unchanged(student):
    for start in ("train", "eval"):
        model = worker_model(student, "batchnorm")
        model.attr(start)()
        before = model.attr("state_dict")()
        x = inputs(8, 4)
        call, _out = run(student, model, x)
        with keeping_the_reproducer(student):
            after = model.attr("state_dict")()
            trainable = dict(student.builtin("list")(model.attr("named_parameters")()))
        for key, value in before.items():
            expect(torch.equal(after[key], value),
                   "evaluate changed the model's {key} (model in {start} mode): a forward pass in train mode updates "
                   "BatchNorm's running statistics; switch to eval() before calling the model", key=key, start=start)
        frozen = [name for name, parameter in trainable.items() if not parameter.requires_grad]
        expect(not frozen, "after evaluate, the model's parameter {name} no longer requires grad, so training cannot "
                           "update it: leave requires_grad alone and compute the output inside `with torch.no_grad():`",
               name=", ".join(frozen))
        expect(torch.equal(call.args[1], x), "evaluate changed x; computing the output must not modify the input")


@requires(test_output_is_the_eval_mode_output)
@pytest.mark.shape_only
def test_output_stays_on_the_device_of_the_model(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        state = model.attr("state_dict")()
        model.attr("to")(device.type)  # the caller put the model and x on this device
        model.attr("train")()
        x = inputs(5, 9)
        _call, out = run(student, model, on(device, x))
        with torch.no_grad():
            expected = local_model(kind, state)(x)
        expect_tensor(out.detach(), on(device, expected), rtol=tol, atol=tol,
                      what=_("evaluate(model, x) with the model ({kind} layers) and x on the {device} device (do not move "
                             "the model or the output to another device)").format(kind=kind, device=device.type))
