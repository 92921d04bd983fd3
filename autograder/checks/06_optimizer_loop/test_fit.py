"""Hidden checks for ``fit(model, x, y, loss_fn, lr, momentum, steps)``: one SGD-with-momentum optimizer for all steps.

The judge replays the loop on a copy of the starting weights and compares the losses and final parameters (the
trajectory); re-creating the optimizer inside the loop resets the momentum buffers and changes the trajectory.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail
from autograder.i18n import _
from autograder.oracles import SGD
from autograder.remembered import remembered
from checks_06_optimizer_loop import same


def data(seed: int, n: int, d: int, k: int, loss: str) -> tuple[torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng(seed)
    x = torch.from_numpy(rng.normal(size=(n, d))).float()
    if loss == "CrossEntropyLoss":
        return x, torch.from_numpy(rng.integers(0, k, n)).long()
    w = rng.normal(size=(d, k))
    return x, torch.from_numpy(x.numpy() @ w + 0.1 * rng.normal(size=(n, k))).float()


@remembered  # the same inputs for every submission: computed once per grading process
def replay(state: dict, x, y, loss: str, lr: float, momentum: float, steps: int, variant: str = "right"):
    d, k = state["weight"].shape[1], state["weight"].shape[0]
    model = torch.nn.Linear(d, k)
    model.load_state_dict(state)
    loss_fn = getattr(torch.nn, loss)()
    optimizer = SGD(model.parameters(), lr=lr, momentum=0.0 if variant == "no_momentum" else momentum)
    losses = []
    for _step in range(steps):
        if variant == "recreated":
            optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
        value = loss_fn(model(x), y)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
        losses.append(value.item())
    return {name: t.detach().clone() for name, t in model.state_dict().items()}, losses


def run(student, d: int, k: int, x, y, loss: str, lr: float, momentum: float, steps: int):
    model = student.nn.attr("Linear")(d, k)
    state = model.attr("state_dict")()
    what = _("fit(lr={lr}, momentum={momentum}, steps={steps}) with {loss}").format(lr=lr, momentum=momentum,
                                                                                   steps=steps, loss=loss)
    call = student.fit.call(model, x, y, student.nn.attr(loss)(), lr, momentum, steps)
    losses = call.result()
    if isinstance(losses, list) and any(isinstance(v, torch.Tensor) for v in losses):
        fail("{what} returned a list of tensors; return one Python float per step (loss.item())", what=what)
    if not isinstance(losses, list):
        fail("{what} returned a {kind}; return a list with one Python float per step (loss.item())",
             what=what, kind=type(losses).__name__)
    expect(all(isinstance(v, float) for v in losses),
           "{what} returned values that are not Python floats; append loss.item() at each step", what=what)
    expect(torch.equal(call.args[1], x) and torch.equal(call.args[2], y),
           "{what} changed the data x or y; training only changes the model's parameters", what=what)
    expect(len(losses) == steps, "{what} returned {count} losses; expected one per step, {steps}",
           what=what, count=len(losses), steps=steps)
    return model.attr("state_dict")(), state, losses, what


def judge(got: dict, losses: list, state: dict, x, y, loss: str, lr: float, momentum: float, steps: int, what: str):
    want, want_losses = replay(state, x, y, loss, lr, momentum, steps)
    if same(got, want) and np.allclose(losses, want_losses, rtol=1e-4, atol=1e-6):
        return
    if same(got, want):
        fail("{what} trained correctly but returned other losses: record loss.item() of each step's forward pass, "
             "before the update", what=what)
    if momentum and same(got, replay(state, x, y, loss, lr, momentum, steps, "recreated")[0]):
        fail("{what}: momentum has no effect, because a new optimizer each step starts with empty momentum buffers; "
             "create optim.SGD(...) once, before the loop", what=what)
    if same(got, state):
        fail("{what} did not change the model's parameters; train the model that is passed in", what=what)
    fail("{what}: the parameters after training differ from {steps} steps of SGD with momentum on (x, y) "
         "(zero_grad before backward, one optimizer)", what=what, steps=steps)


cases = st.tuples(st.integers(1, 8), st.integers(1, 4), st.integers(1, 3), st.sampled_from(["MSELoss", "CrossEntropyLoss"]),
                  st.sampled_from([0.01, 0.05, 0.2]), st.sampled_from([0.0, 0.5, 0.9]), st.integers(1, 8),
                  st.integers(0, 2**31 - 1))


@given(case=cases)
def test_trajectory_matches_sgd_with_momentum(student, case):
    n, d, k, loss, lr, momentum, steps, seed = case
    k = max(k, 2) if loss == "CrossEntropyLoss" else k
    x, y = data(seed, n, d, k, loss)
    got, state, losses, what = run(student, d, k, x, y, loss, lr, momentum, steps)
    judge(got, losses, state, x, y, loss, lr, momentum, steps, what)


def test_one_optimizer_keeps_the_momentum_across_steps(student):
    for seed in (1, 2):
        x, y = data(seed, 10, 3, 2, "MSELoss")
        got, state, losses, what = run(student, 3, 2, x, y, "MSELoss", 0.05, 0.9, 6)
        judge(got, losses, state, x, y, "MSELoss", 0.05, 0.9, 6, what)


def test_zero_steps_return_no_losses_and_leave_the_model(student):
    x, y = data(3, 5, 2, 1, "MSELoss")
    got, state, losses, what = run(student, 2, 1, x, y, "MSELoss", 0.1, 0.9, 0)
    expect(losses == [], "{what} returned {count} losses; expected an empty list", what=what, count=len(losses))
    expect(same(got, state), "{what} changed the parameters; with 0 steps nothing is trained", what=what)


def test_trajectory_over_25_steps_of_a_learnable_regression(student):
    x, y = data(4, 32, 3, 1, "MSELoss")
    got, state, losses, what = run(student, 3, 1, x, y, "MSELoss", 0.05, 0.9, 25)
    judge(got, losses, state, x, y, "MSELoss", 0.05, 0.9, 25, what)
    expect(losses[-1] < 0.5 * losses[0],  # the reference loop's losses (judge compared them) more than halve
           "{what}: the loss went only from {first:.4g} to {last:.4g}; 25 steps of the reference loop more than "
           "halve it", what=what, first=losses[0], last=losses[-1])
