"""Hidden checks for ``train(x, y, w, b, lr, steps)``: the parameter trajectory, step by step.

The reference is the tutorial's loop run in float64 from the same start.  Missing gradient
zeroing, a wrong learning rate or a mean instead of a sum all "train", but along
another trajectory; comparing every step catches them.
"""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_device_safe, fail, on, requires
from autograder.remembered import remembered

DTYPES = (torch.float32, torch.float64)


@remembered  # the same inputs for every submission: computed once per grading process
def reference(x, y, w0: float, b0: float, lr: float, steps: int, *, zero=True, mean=False) -> list[tuple[float, float]]:
    xs, ys = x.double().flatten(), y.double().flatten()
    w, b, gw_acc, gb_acc, history = w0, b0, 0.0, 0.0, []
    scale = 1 / len(xs) if mean else 1.0
    for _ in range(steps):
        r = w * xs.pow(2) + b - ys
        gw, gb = float((xs.pow(2) * r).sum()) * scale, float(r.sum()) * scale
        gw_acc, gb_acc = (gw, gb) if zero else (gw_acc + gw, gb_acc + gb)
        w, b = w - lr * gw_acc, b - lr * gb_acc
        history.append((w, b))
    return history


def stable_lr(x, fraction: float) -> float:
    """A learning rate that is `fraction` of the largest stable one for this x (lr * lambda_max < 2)."""
    a = torch.stack([x.double().flatten().pow(2), torch.ones(len(x), dtype=torch.float64)], dim=1)
    lam = float(torch.linalg.eigvalsh(a.T @ a).max())
    return fraction * 2 / lam


@st.composite
def runs(draw, max_n: int = 12, max_steps: int = 25, min_steps: int = 1):
    n = draw(st.integers(1, max_n))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 3 - 1.5).to(dtype)
    y = (3 * x.double().pow(2) + 2 + torch.rand(n, 1, generator=g, dtype=torch.float64)).to(dtype)
    w = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    b = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    lr = round(stable_lr(x, draw(st.sampled_from([0.05, 0.2, 0.4]))), 6)
    return x, y, w, b, lr, draw(st.integers(min_steps, max_steps))


def explain_error(call) -> None:
    if call.raised is None or call.raised == "NotImplementedError":
        return
    message = call.error_message
    if "leaf Variable that requires grad" in message:
        fail("train raised {error}: it updates w or b in place outside torch.no_grad(), and autograd forbids in-place "
             "changes to a leaf that requires grad; do the update inside `with torch.no_grad():`", error=call.raised)
    if "does not require grad" in message:
        fail("train raised {error}: on a later step the loss no longer requires grad, because w or b was replaced by a "
             "tensor made under no_grad (w = w - lr * w.grad); update the given tensors in place", error=call.raised)
    if "NoneType" in message:
        fail("train found w.grad or b.grad to be None ({error}): either it zeroes or reads the gradient before the "
             "first backward(), or w = w - lr * w.grad replaced the leaf by a new tensor whose .grad is never filled",
             error=call.raised)


def history_of(student, x, y, w, b, lr, steps):
    call = student.train.call(x, y, w, b, lr, steps)
    explain_error(call)
    result = call.result()
    if not isinstance(result, (list, tuple)):
        fail("train returned a {got}; it must return the history, a list with one (w, b) per step", got=describe(result))
    expect(len(result) == steps, "train(..., steps={steps}) returned a history of {got} entries; expected one (w, b) per "
                                 "step, {steps} in all", steps=steps, got=len(result))
    history = []
    for entry in result:
        try:
            w_k, b_k = entry
            history.append((float(w_k), float(b_k)))
        except (TypeError, ValueError, RuntimeError):
            fail("a history entry is {got}; each entry must be a pair of floats (w.item(), b.item())", got=describe(entry))
    return call, history


def first_difference(got, expected, tol):
    for k, ((gw, gb), (ew, eb)) in enumerate(zip(got, expected)):
        if abs(gw - ew) > tol * max(1.0, abs(ew)) or abs(gb - eb) > tol * max(1.0, abs(eb)):
            return k
    return None


def compare(history, x, y, w, b, lr, steps, tol):
    w0, b0 = float(w.detach()), float(b.detach())
    expected = reference(x, y, w0, b0, lr, steps)
    k = first_difference(history, expected, tol)
    if k is None:
        return
    if len(history) > 1 and len({h for h in history}) == 1 and len({e for e in expected}) > 1:
        fail("every history entry holds the final (w, b): you stored w itself, which is then updated in place; "
             "store its value at that step (w.item())")
    if steps > 1 and first_difference(history, reference(x, y, w0, b0, lr, steps, zero=False), tol) is None:
        fail("train's gradients accumulate across steps (its trajectory leaves the tutorial's loop at step {step}): "
             "zero w.grad and b.grad every step, after the update or before backward()", step=k + 1)
    if first_difference(history, reference(x, y, w0, b0, lr, steps, mean=True), tol) is None:
        fail("train follows the gradient of the MEAN squared error; the tutorial's loss is 0.5 * the SUM")
    if first_difference(history, reference(x, y, w0, b0, 0.001, steps), tol) is None and abs(lr - 0.001) > 1e-9:
        fail("train uses the learning rate 0.001 instead of its lr argument ({lr})", lr=lr)
    gw, gb = history[k]
    ew, eb = expected[k]
    fail("train's trajectory differs from the tutorial's loop run from the same w, b at step {step} of {steps} "
         "(lr={lr}): w, b = {w:.6g}, {b:.6g}, expected {ew:.6g}, {eb:.6g}", step=k + 1, steps=steps, lr=lr, w=gw, b=gb,
         ew=ew, eb=eb)


@given(case=runs())
def test_trajectory_matches_reference_step_by_step(student, case):
    x, y, w, b, lr, steps = case
    _, history = history_of(student, x, y, w, b, lr, steps)
    compare(history, x, y, w, b, lr, steps, 2e-4 if x.dtype == torch.float32 else 1e-8)


@requires(test_trajectory_matches_reference_step_by_step)
@given(case=runs(max_steps=10))
def test_callers_parameters_are_updated_in_place(student, case):
    x, y, w, b, lr, steps = case
    call, history = history_of(student, x, y, w, b, lr, steps)
    w_after, b_after = call.args[2], call.args[3]
    ew, eb = reference(x, y, float(w.detach()), float(b.detach()), lr, steps)[-1]
    tol = 2e-4 if x.dtype == torch.float32 else 1e-8
    moved = abs(float(w_after.detach()) - float(w.detach())) + abs(float(b_after.detach()) - float(b.detach()))
    if moved == 0 and abs(ew - float(w.detach())) + abs(eb - float(b.detach())) > 1e-6:
        fail("train did not change the w and b it was given: `w = w - lr * w.grad` only rebinds a local name; "
             "update the given tensors in place (w -= lr * w.grad) under torch.no_grad()")
    expect(abs(float(w_after.detach()) - ew) <= tol * max(1.0, abs(ew)) and abs(float(b_after.detach()) - eb) <= tol * max(1.0, abs(eb)),
           "after train the given w, b hold {w:.6g}, {b:.6g}; the last step gives {ew:.6g}, {eb:.6g}: update the "
           "caller's tensors in place", w=float(w_after.detach()), b=float(b_after.detach()), ew=ew, eb=eb)
    for name, before, after in (("w", w, w_after), ("b", b, b_after)):
        expect(after.requires_grad and after.dtype == before.dtype and after.shape == before.shape,
               "after train, {name} is {got} with requires_grad={grad}; it must stay the caller's {expected} leaf that "
               "requires grad", name=name, got=describe(after.detach()), grad=after.requires_grad,
               expected=describe(before.detach()))


def test_history_holds_a_snapshot_per_step(student):
    x = torch.tensor([[0.0], [1.0], [2.0]])
    y = torch.tensor([[2.0], [5.0], [14.0]])
    w = torch.tensor([[3.0]], requires_grad=True)
    b = torch.tensor([[1.0]], requires_grad=True)
    _, history = history_of(student, x, y, w, b, 0.01, 5)
    expect(len(set(history)) == 5,
           "the history repeats the same (w, b): store each step's values (w.item(), b.item()), not the tensor w "
           "that keeps changing in place")
    compare(history, x, y, w, b, 0.01, 5, 2e-4)


@requires(test_trajectory_matches_reference_step_by_step)
def test_zero_steps_change_nothing(student):
    x = torch.tensor([[0.5], [-1.0]], dtype=torch.float64)
    y = torch.tensor([[3.0], [4.0]], dtype=torch.float64)
    w = torch.tensor([[1.0]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([[0.0]], dtype=torch.float64, requires_grad=True)
    call, history = history_of(student, x, y, w, b, 0.01, 0)
    expect(history == [], "train(..., steps=0) must return an empty history")
    expect(torch.equal(call.args[2].detach(), w.detach()) and torch.equal(call.args[3].detach(), b.detach()),
           "train(..., steps=0) changed w or b; no step means no update")


def test_tutorial_run_reaches_least_squares(student):
    g = torch.Generator().manual_seed(100)
    x = torch.linspace(-1, 1, 100).unsqueeze(1)
    y = 3 * x.pow(2) + 2 + 0.2 * torch.rand(x.size(), generator=g)
    a = torch.cat([x.pow(2), torch.ones_like(x)], dim=1).double()
    w_star, b_star = torch.linalg.lstsq(a, y.double()).solution.flatten().tolist()
    for w0 in (0.2437, -1.5):
        w = torch.tensor([[w0]], requires_grad=True)
        b = torch.zeros(1, 1, requires_grad=True)
        call, history = history_of(student, x, y, w, b, 0.001, 800)
        w_end, b_end = float(call.args[2].detach()), float(call.args[3].detach())
        ew, eb = reference(x, y, w0, 0.0, 0.001, 800)[-1]
        expect(abs(w_end - ew) < 1e-3 and abs(b_end - eb) < 1e-3,
               "800 steps at lr 0.001 on the tutorial's data (w starting at {w0}) end at w, b = {w:.4f}, {b:.4f}; the "
               "tutorial's loop ends at {ew:.4f}, {eb:.4f}", w0=w0, w=w_end, b=b_end, ew=ew, eb=eb)
        expect(abs(w_end - w_star) < 0.01 and abs(b_end - b_star) < 0.01,
               "800 steps at lr 0.001 end at w, b = {w:.4f}, {b:.4f}, not near the least-squares fit {ew:.4f}, {eb:.4f}",
               w=w_end, b=b_end, ew=w_star, eb=b_star)


@requires(test_trajectory_matches_reference_step_by_step)
@pytest.mark.shape_only
def test_trains_on_the_device_of_its_inputs(student, device):
    x = torch.tensor([[0.0], [1.0], [2.0]])
    y = torch.tensor([[2.0], [5.0], [14.0]])
    for dtype in (torch.float32, torch.float64):
        w = torch.tensor([[3.0]], dtype=dtype, requires_grad=True)
        b = torch.tensor([[1.0]], dtype=dtype, requires_grad=True)
        call = student.train.call(*on(device, x.to(dtype), y.to(dtype), w, b), 0.01, 4)
        if device.type == "meta":  # the steps run on meta; only reading the history (.item()) needs data
            expect_device_safe(call, "train(x, y, w, b, lr, steps)")
            continue
        explain_error(call)
        result = call.result()
        for name, after in (("w", call.args[2]), ("b", call.args[3])):
            expect(after.device.type == device.type and after.requires_grad,
                   "after train on the {device} device, {name} is {got}: update the caller's tensor in place where it "
                   "lives, and make new tensors (gradients too) with device=w.device", device=device.type, name=name,
                   got=describe(after.detach()))
        expect(isinstance(result, (list, tuple)) and len(result) == 4,
               "train(..., steps=4) on the {device} device returned {got}; expected 4 (w, b) pairs",
               device=device.type, got=describe(result))
        compare([(float(p), float(q)) for p, q in result], x, y, w, b, 0.01, 4, 2e-4)


@requires(test_trajectory_matches_reference_step_by_step)
def test_history_holds_python_floats(student):
    for dtype in (torch.float32, torch.float64):
        x = torch.tensor([[0.0], [1.0], [2.0]], dtype=dtype)
        y = torch.tensor([[2.0], [5.0], [14.0]], dtype=dtype)
        w = torch.tensor([[3.0]], dtype=dtype, requires_grad=True)
        b = torch.tensor([[1.0]], dtype=dtype, requires_grad=True)
        result = student.train(x, y, w, b, 0.01, 3)
        for entry in result:
            expect(isinstance(entry, (tuple, list)) and len(entry) == 2 and all(isinstance(v, float) for v in entry),
                   "a history entry is {got}; store each step as two Python floats (w.item(), b.item()), not tensors",
                   got=describe(entry))
