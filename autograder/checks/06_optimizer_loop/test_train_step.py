"""Hidden checks for ``train_step(model, optimizer, loss_fn, x, y)``: forward, loss, zero_grad, backward, step.

The model, optimizer and loss live in the worker (built from the notebook's ``nn``/``optim``); the judge replays
the same step on a copy of the starting weights and compares the parameters after each call: the trajectory.
"""
import numpy as np
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, fail, on, requires
from autograder.i18n import _
from autograder.oracles import SGD
from autograder.remembered import remembered
from autograder.student import Remote
from checks_06_optimizer_loop import expect_step_on_meta, param_versions, plant_grads, same


def remote_model(student, d: int, k: int) -> Remote:
    return student.nn.attr("Linear")(d, k)


def batch(seed: int, n: int, d: int, k: int, loss: str) -> tuple[torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng(seed)
    x = torch.from_numpy(rng.normal(size=(n, d))).float()
    if loss == "CrossEntropyLoss":
        return x, torch.from_numpy(rng.integers(0, k, n)).long()
    return x, torch.from_numpy(rng.normal(size=(n, k))).float()


@remembered  # the same inputs for every submission: computed once per grading process
def replay(state: dict, batches, loss: str, order: str = "right", stale=None, **sgd) -> tuple[dict, list[float]]:
    """The judge's own train steps from ``state``; ``order`` names a way of misplacing zero_grad."""
    d, k = state["weight"].shape[1], state["weight"].shape[0]
    model = torch.nn.Linear(d, k)
    model.load_state_dict(state)
    optimizer = SGD(model.parameters(), **sgd)
    if stale is not None:
        for p, g in zip(model.parameters(), stale):
            p.grad = g.clone()
    loss_fn = getattr(torch.nn, loss)()
    losses = []
    for x, y in batches:
        value = loss_fn(model(x), y)
        if order == "right":
            optimizer.zero_grad()
        value.backward()
        if order == "after_backward":
            optimizer.zero_grad()
        optimizer.step()
        if order == "after_step":
            optimizer.zero_grad()
        losses.append(value.item())
    return {name: t.detach().clone() for name, t in model.state_dict().items()}, losses


def step(student, model: Remote, optimizer: Remote, loss: str, x, y, what: str) -> float:
    call = student.train_step.call(model, optimizer, student.nn.attr(loss)(), x, y)
    value = call.result()
    if isinstance(value, torch.Tensor):
        fail("{what} returned a tensor; return the loss as a Python float with loss.item()", what=what)
    expect(isinstance(value, float), "{what} returned a {got}; return the loss as a Python float with loss.item()",
           what=what, got=describe(value))
    seen_x, seen_y = call.args[3], call.args[4]
    expect(torch.equal(seen_x, x) and torch.equal(seen_y, y),
           "{what} changed the batch it was given; a training step only changes the model's parameters", what=what)
    return value


def judge_params(got: dict, state: dict, batches, loss: str, what: str, stale=None, **sgd) -> None:
    want, _losses = replay(state, batches, loss, stale=stale, **sgd)
    if same(got, want):
        return
    if same(got, state):
        fail("after {what} the parameters did not change: call optimizer.step() after loss.backward(), and do not "
             "call zero_grad between backward and step (it wipes the gradient)", what=what)
    for order, message in (
            ("after_backward", _("zero_grad is called between backward and step, so step sees no gradient")),
            ("after_step", _("the step also used the gradient that was already in .grad before the call: gradients "
                             "accumulate, so call optimizer.zero_grad() before loss.backward()")),
            ("none", _("gradients add up over the calls because optimizer.zero_grad() is not called before "
                       "loss.backward()"))):
        if same(got, replay(state, batches, loss, order=order, stale=stale, **sgd)[0]):
            fail("after {what}: {mistake}", what=what, mistake=message)
    fail("after {what} the parameters differ from optimizer.step() on the gradient of this batch's loss; "
         "use loss_fn(model(x), y), zero_grad, backward, step", what=what)


cases = st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(1, 3), st.sampled_from(["MSELoss", "CrossEntropyLoss"]),
                  st.sampled_from([0.01, 0.1, 0.5]), st.integers(0, 2**31 - 1))


@given(case=cases)
def test_one_call_is_one_sgd_step_on_this_batch(student, case):
    n, d, k, loss, lr, seed = case
    k = max(k, 2) if loss == "CrossEntropyLoss" else k
    model = remote_model(student, d, k)
    optimizer = student.optim.attr("SGD")(model.attr("parameters")(), lr=lr)
    state = model.attr("state_dict")()
    x, y = batch(seed, n, d, k, loss)
    what = _("train_step on a batch of {n} with {loss} and lr={lr}").format(n=n, loss=loss, lr=lr)
    value = step(student, model, optimizer, loss, x, y, what)
    judge_params(model.attr("state_dict")(), state, [(x, y)], loss, what, lr=lr)
    _state, losses = replay(state, [(x, y)], loss, lr=lr)
    expect(abs(value - losses[0]) <= 1e-4 * max(1.0, abs(losses[0])),
           "{what} returned {value:.6g}, not the loss before the update ({want:.6g}): return loss.item() of this "
           "batch's forward pass", what=what, value=value, want=losses[0])


def test_gradients_left_from_before_are_not_used(student):
    for seed, loss in ((0, "MSELoss"), (1, "CrossEntropyLoss"), (2, "CrossEntropyLoss")):
        stale_case(student, seed, loss)


def stale_case(student, seed: int, loss: str) -> None:
    model = remote_model(student, 3, 2)
    optimizer = student.optim.attr("SGD")(model.attr("parameters")(), lr=0.1)
    state = model.attr("state_dict")()
    rng = np.random.default_rng(seed)
    stale = [torch.from_numpy(rng.normal(size=tuple(state["weight"].shape))).float() * 5,
             torch.from_numpy(rng.normal(size=tuple(state["bias"].shape))).float() * 5]
    plant_grads(student, model, stale)
    x, y = batch(seed, 5, 3, 2, loss)
    what = _("train_step when the parameters' .grad still held an earlier gradient")
    step(student, model, optimizer, loss, x, y, what)
    judge_params(model.attr("state_dict")(), state, [(x, y)], loss, what, stale=stale, lr=0.1)


def test_momentum_trajectory_over_several_calls(student):
    for seed, loss in ((0, "MSELoss"), (1, "CrossEntropyLoss"), (2, "MSELoss")):
        momentum_trajectory(student, seed, loss)


def momentum_trajectory(student, seed: int, loss: str) -> None:
    model = remote_model(student, 4, 3)
    optimizer = student.optim.attr("SGD")(model.attr("parameters")(), lr=0.05, momentum=0.9)
    state = model.attr("state_dict")()
    batches = [batch(seed + i, 6, 4, 3, loss) for i in range(4)]
    for i, (x, y) in enumerate(batches):
        what = _("call {number} of train_step with SGD(lr=0.05, momentum=0.9) on a new batch each call").format(
            number=i + 1)
        step(student, model, optimizer, loss, x, y, what)
        judge_params(model.attr("state_dict")(), state, batches[: i + 1], loss, what, lr=0.05, momentum=0.9)


def test_returns_the_loss_before_the_update(student):
    model = remote_model(student, 2, 1)
    optimizer = student.optim.attr("SGD")(model.attr("parameters")(), lr=0.5)
    state = model.attr("state_dict")()
    x, y = torch.tensor([[1.0, 2.0], [3.0, -1.0]]), torch.tensor([[4.0], [-2.0]])
    value = step(student, model, optimizer, "MSELoss", x, y, "train_step")
    _state, losses = replay(state, [(x, y), (x, y)], "MSELoss", lr=0.5)
    if abs(value - losses[1]) < 1e-5 * max(1.0, abs(losses[1])) and abs(losses[0] - losses[1]) > 1e-4:
        fail("train_step returned the loss after the update; return the loss computed in the forward pass before step()")
    expect(abs(value - losses[0]) <= 1e-5 * max(1.0, abs(losses[0])),
           "train_step returned {value:.6g}, not the loss of this batch before the update ({want:.6g})",
           value=value, want=losses[0])


# -- device checks -------------------------------------------------------------

@requires(test_one_call_is_one_sgd_step_on_this_batch)
@pytest.mark.shape_only
def test_steps_where_the_model_and_the_batch_are(student, device):
    for seed, loss in ((3, "MSELoss"), (4, "CrossEntropyLoss")):
        model = remote_model(student, 3, 2)
        state = model.attr("state_dict")()
        model.attr("to")(device.type)  # the caller moved the model, then built the optimizer
        optimizer = student.optim.attr("SGD")(model.attr("parameters")(), lr=0.1, momentum=0.9)
        x, y = batch(seed, 5, 3, 2, loss)
        what = _("train_step with the model and the batch on the {device} device ({loss})").format(
            device=device.type, loss=loss)
        if device.type == "meta":
            before = param_versions(student, model)
            call = student.train_step.call(model, optimizer, student.nn.attr(loss)(), *on(device, x, y))
            expect_step_on_meta(call, before, param_versions(student, model), what)
            continue
        step(student, model, optimizer, loss, *on(device, x, y), what)
        got = model.attr("state_dict")()
        for key, value in got.items():
            expect(value.device.type == device.type,
                   "after {what}, the model's {key} is on {got}: do not move the model to another device inside "
                   "train_step", what=what, key=key, got=value.device.type)
        judge_params({k: v.cpu() for k, v in got.items()}, state, [(x, y)], loss, what, lr=0.1, momentum=0.9)
