"""Hidden checks for ``evaluate(model, x)``: eval() + no_grad(), and the model's mode restored.

The models are built in the worker from the notebook's ``nn`` (nn.Sequential of Linear,
BatchNorm1d, ReLU, Dropout); the oracle is the same architecture built here, loaded with
the worker model's state_dict and run in eval mode.
"""
import pytest
import torch
import torch.nn as nn
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on

ARCHITECTURES = {
    "dropout": [("Linear", (4, 16)), ("ReLU", ()), ("Dropout", (0.5,)), ("Linear", (16, 3))],
    "batchnorm": [("Linear", (4, 8)), ("BatchNorm1d", (8,)), ("ReLU", ()), ("Dropout", (0.3,)), ("Linear", (8, 2))],
}


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
        fail(f"evaluate returned {describe(out)}; it must return the model's output tensor")
    return call, out


def inputs(batch: int, seed: int) -> torch.Tensor:
    return torch.randn(batch, 4, generator=torch.Generator().manual_seed(seed)) * 2


@given(kind=st.sampled_from(sorted(ARCHITECTURES)), batch=st.integers(2, 8), seed=st.integers(0, 2**31 - 1),
       start=st.sampled_from(["train", "eval"]))
def test_output_is_the_eval_mode_output(student, kind, batch, seed, start):
    model = worker_model(student, kind)
    model.attr(start)()
    state = model.attr("state_dict")()
    x = inputs(batch, seed)
    _, out = run(student, model, x)
    with torch.no_grad():
        expected = local_model(kind, state)(x)
    expect(tuple(out.shape) == tuple(expected.shape), f"evaluate returned shape {tuple(out.shape)}; model(x) has shape "
                                                      f"{tuple(expected.shape)}")
    expect(torch.allclose(out.detach(), expected, rtol=1e-5, atol=1e-5),
           f"evaluate's output differs from the eval-mode output (model in {start} mode, {kind} layers): call "
           f"model.eval() (with parentheses) so Dropout stops dropping and BatchNorm uses its running statistics; "
           f"setting model.training = False does not reach the submodules")


def test_output_is_not_recorded_by_autograd(student):
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        _, out = run(student, model, inputs(5, 1))
        expect(not out.requires_grad, "evaluate's output requires grad: compute it inside `with torch.no_grad():` so no "
                                      "graph is recorded (eval() alone does not turn off autograd)")


def test_a_model_in_train_mode_is_back_in_train_mode(student):
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        model.attr("train")()
        run(student, model, inputs(6, 2))
        flags = modes(model, kind)
        expect(all(flags), f"after evaluate, a model that was in train mode has training flags {shown(flags)} "
                           f"(model, then each layer); switch it back with model.train(was_training) so later training keeps its dropout")


def test_a_model_in_eval_mode_stays_in_eval_mode(student):
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        model.attr("eval")()
        run(student, model, inputs(6, 3))
        flags = modes(model, kind)
        expect(not any(flags), f"after evaluate, a model that was in eval mode has training flags {shown(flags)}; restore the "
                               f"mode it had before (remember model.training first), do not always call model.train()")


def test_parameters_buffers_and_x_are_unchanged(student):
    for start in ("train", "eval"):
        model = worker_model(student, "batchnorm")
        model.attr(start)()
        before = model.attr("state_dict")()
        x = inputs(8, 4)
        call, _ = run(student, model, x)
        after = model.attr("state_dict")()
        for key, value in before.items():
            expect(torch.equal(after[key], value),
                   f"evaluate changed the model's {key} (model in {start} mode): a forward pass in train mode updates "
                   f"BatchNorm's running statistics; switch to eval() before calling the model")
        expect(torch.equal(call.args[1], x), "evaluate changed x; computing the output must not modify the input")


@pytest.mark.shape_only
def test_output_stays_on_the_device_of_the_model(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    for kind in sorted(ARCHITECTURES):
        model = worker_model(student, kind)
        state = model.attr("state_dict")()
        model.attr("to")(device.type)  # the caller put the model and x on this device
        model.attr("train")()
        x = inputs(5, 9)
        _, out = run(student, model, on(device, x))
        with torch.no_grad():
            expected = local_model(kind, state)(x)
        expect_tensor(out.detach(), on(device, expected), rtol=tol, atol=tol,
                      what=f"evaluate(model, x) with the model ({kind} layers) and x on the {device.type} device "
                           f"(do not move the model or the output to another device)")
