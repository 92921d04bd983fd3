"""Hidden checks for ``fit_with_decay(...)``: step t uses lr * factor ** (t // every), changed through param_groups.

The judge replays the loop and compares losses and final parameters (the trajectory).  Known mistakes are replayed
too, to name them: decaying already at step 0, not compounding, decaying after the step, rebuilding the optimizer.
"""
import numpy as np
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, fail
from autograder.i18n import _
from autograder.oracles import SGD
from autograder.remembered import remembered
from checks_06_optimizer_loop import same

SCHEDULES = {
    "right": lambda lr, factor, every, t: lr * factor ** (t // every),
    "from_zero": lambda lr, factor, every, t: lr * factor ** (t // every + 1),
    "not_compounding": lambda lr, factor, every, t: lr * (factor if t >= every else 1.0),
    "late": lambda lr, factor, every, t: lr * factor ** (max(t - 1, 0) // every),
    "early": lambda lr, factor, every, t: lr * factor ** ((t + 1) // every),
}


def mistakes() -> dict:
    """What each replayed mistake is called, in the student's language."""
    return {
        "from_zero": _("the learning rate was already decayed at step 0; steps 0 to every - 1 use lr (decay when t > 0 "
                       "and t % every == 0)"),
        "not_compounding": _("the decays do not compound: from step 2 * every on the lr must be lr * factor ** 2, and "
                             "so on"),
        "late": _("each decay comes one step late; step t must already use lr * factor ** (t // every)"),
        "early": _("each decay comes one step early; step t uses lr * factor ** (t // every)"),
        "recreated": _("the optimizer is rebuilt when the lr changes, which resets the momentum buffers; change the lr "
                       "in optimizer.param_groups instead"),
    }


def data(seed: int, n: int = 12, d: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    return torch.from_numpy(x).float(), torch.from_numpy(x @ rng.normal(size=(d, 1)) + 0.2).float()


@remembered  # the same inputs for every submission: computed once per grading process
def replay(state: dict, x, y, lr, momentum, steps, every, factor, variant: str = "right"):
    model = torch.nn.Linear(x.shape[1], 1)
    model.load_state_dict(state)
    optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
    schedule = SCHEDULES.get(variant, SCHEDULES["right"])
    losses, current = [], lr
    for t in range(steps):
        new = schedule(lr, factor, every, t)
        if variant == "recreated" and new != current:
            optimizer = SGD(model.parameters(), lr=new, momentum=momentum)
        optimizer.lr = new
        current = new
        value = torch.nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
        losses.append(value.item())
    return {n: t.detach().clone() for n, t in model.state_dict().items()}, losses


def check(student, seed, lr, momentum, steps, every, factor) -> None:
    x, y = data(seed)
    model = student.nn.attr("Linear")(3, 1)
    state = model.attr("state_dict")()
    what = f"fit_with_decay(lr={lr}, momentum={momentum}, steps={steps}, every={every}, factor={factor})"
    call = student.fit_with_decay.call(model, x, y, student.nn.attr("MSELoss")(), lr, momentum, steps, every, factor)
    losses = call.result()
    expect(isinstance(losses, list) and all(isinstance(v, float) for v in losses),
           "{what} returned a {kind}, not a list of Python floats: append loss.item() of each step", what=what,
           kind=type(losses).__name__ if not isinstance(losses, list) else _("list with other values"))
    expect(len(losses) == steps, "{what} returned {count} losses; expected one per step, {steps}",
           what=what, count=len(losses), steps=steps)
    got = model.attr("state_dict")()
    want, want_losses = replay(state, x, y, lr, momentum, steps, every, factor)
    if same(got, want):
        expect(np.allclose(losses, want_losses, rtol=1e-4, atol=1e-6),
               "{what} trained correctly but returned other losses: record each step's loss before the update",
               what=what)
        return
    for variant, message in mistakes().items():
        if same(got, replay(state, x, y, lr, momentum, steps, every, factor, variant)[0]):
            fail("{what}: {mistake}", what=what, mistake=message)
    fail("{what}: the parameters differ from SGD with momentum whose lr is lr * factor ** (t // every) at step t",
         what=what)


@given(seed=st.integers(0, 2**31 - 1), lr=st.sampled_from([0.02, 0.05]), momentum=st.sampled_from([0.0, 0.9]),
       steps=st.integers(1, 10), every=st.integers(1, 4), factor=st.sampled_from([0.5, 0.1, 0.3]))
def test_trajectory_follows_the_step_schedule(student, seed, lr, momentum, steps, every, factor):
    check(student, seed, lr, momentum, steps, every, factor)


def test_first_decay_happens_at_step_every(student):
    check(student, 1, 0.05, 0.0, 7, 3, 0.1)


def test_decays_compound(student):
    check(student, 2, 0.05, 0.0, 6, 1, 0.5)


def test_momentum_is_kept_when_the_lr_changes(student):
    check(student, 3, 0.05, 0.9, 8, 2, 0.5)


def test_without_a_decay_point_it_is_plain_fit(student):
    check(student, 4, 0.05, 0.9, 5, 10, 0.1)
