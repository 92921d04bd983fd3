"""Hidden checks for ``train_step(x, y, w, b, lr)``: one in-place gradient step under no_grad.

The judge passes leaf tensors that require grad and reads them back after the call
(``call.args``): the very objects it passed must hold w - lr * dL/dw and b - lr * dL/db
and still require grad.
"""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_device_safe, fail, on, requires

DTYPES = (torch.float32, torch.float64)


@st.composite
def steps(draw, max_n: int = 12):
    n = draw(st.integers(1, max_n))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 3 - 1.5).to(dtype)
    y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
    w = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    b = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    lr = draw(st.sampled_from([0.001, 0.003, 0.01, 0.02, 0.05]))
    return x, y, w, b, lr


def reference(x, y, w, b, lr):
    """(loss before, w after, b after, dL/dw, dL/db) in float64."""
    xs, ys = x.double(), y.double()
    wv, bv = float(w.detach()), float(b.detach())
    r = wv * xs.pow(2) + bv - ys
    gw, gb = float((xs.pow(2) * r).sum()), float(r.sum())
    return float(0.5 * (r ** 2).sum()), wv - lr * gw, bv - lr * gb, gw, gb


def explain_error(call, name: str = "train_step") -> None:
    """Turn the errors typical of wrong updates into one line naming the mistake."""
    if call.raised is None or call.raised == "NotImplementedError":
        return
    message = call.error_message
    if "leaf Variable that requires grad" in message:
        fail("{name} raised {error}: it updates w or b in place outside torch.no_grad(), and autograd forbids in-place "
             "changes to a leaf that requires grad; do the update inside `with torch.no_grad():`",
             name=name, error=call.raised)
    if "does not require grad" in message:
        fail("{name} raised {error}: the loss no longer requires grad, because w or b was replaced by a tensor made "
             "under no_grad (w = w - lr * w.grad); update the given tensors in place (w -= lr * w.grad)",
             name=name, error=call.raised)
    if "NoneType" in message:
        fail("{name} found w.grad or b.grad to be None ({error}): either the gradient is read before backward(), or "
             "w = w - lr * w.grad replaced the leaf by a new tensor whose .grad is never filled; update in place",
             name=name, error=call.raised)


def run(student, x, y, w, b, lr):
    call = student.train_step.call(x, y, w, b, lr)
    explain_error(call)
    call.result()
    return call


def loss_value(result) -> float:
    try:
        return float(result)
    except (TypeError, ValueError, RuntimeError):
        fail("train_step returned {got}; return the loss as a Python float (loss.item())", got=describe(result))


def check_step(call, x, y, w, b, lr, tol) -> None:
    _, w1, b1, gw, gb = reference(x, y, w, b, lr)
    w0, b0 = float(w.detach()), float(b.detach())
    new_w, new_b = float(call.args[2].detach()), float(call.args[3].detach())
    def near(a, e):
        return abs(a - e) <= tol * max(1.0, abs(e))
    if near(new_w, w1) and near(new_b, b1):
        return
    if lr * max(abs(gw), abs(gb)) > 10 * tol * max(1.0, abs(w0), abs(b0)):  # the step is large enough to tell
        if near(new_w, w0) and near(new_b, b0):
            fail("train_step did not change the w and b it was given: `w = w - lr * w.grad` only rebinds a local name "
                 "to a new tensor; update the given tensors in place (w -= lr * w.grad) under torch.no_grad()")
        if near(new_w, w0 + lr * gw) and near(new_b, b0 + lr * gb):
            fail("train_step moves w and b along the gradient; gradient descent subtracts lr * grad")
    fail("after train_step(lr={lr}) w, b = {w:.6g}, {b:.6g}; one gradient-descent step on the tutorial's summed loss "
         "from {w0:.6g}, {b0:.6g} gives {w1:.6g}, {b1:.6g}", lr=lr, w=new_w, b=new_b, w0=w0, b0=b0, w1=w1, b1=b1)


@given(case=steps())
def test_update_is_one_gradient_descent_step(student, case):
    x, y, w, b, lr = case
    call = run(student, x, y, w, b, lr)
    check_step(call, x, y, w, b, lr, 1e-4 if x.dtype == torch.float32 else 1e-9)


def test_updates_the_given_tensors_in_place(student):
    x = torch.tensor([[0.0], [1.0], [2.0]])
    y = torch.tensor([[2.0], [5.0], [14.0]])
    for dtype, (wv, bv), lr in ((torch.float32, (3.0, 1.0), 0.1), (torch.float64, (-1.0, 0.5), 0.02),
                                (torch.float32, (0.0, 0.0), 0.05)):
        w = torch.tensor([[wv]], dtype=dtype, requires_grad=True)
        b = torch.tensor([[bv]], dtype=dtype, requires_grad=True)
        call = run(student, x.to(dtype), y.to(dtype), w, b, lr)
        check_step(call, x.to(dtype), y.to(dtype), w, b, lr, 1e-5)


@requires(test_update_is_one_gradient_descent_step)
@given(case=steps(max_n=6))
def test_parameters_stay_float_leaves_that_require_grad(student, case):
    x, y, w, b, lr = case
    call = run(student, x, y, w, b, lr)
    for name, before, after in (("w", w, call.args[2]), ("b", b, call.args[3])):
        expect(isinstance(after, torch.Tensor) and after.requires_grad,
               "after train_step, {name} no longer requires grad: keep the parameter a leaf with requires_grad=True "
               "(update it in place; do not detach it or call requires_grad_(False))", name=name)
        expect(after.shape == before.shape and after.dtype == before.dtype,
               "train_step changed {name} from {before} to {after}: update its values in place and keep its shape and "
               "dtype", name=name, before=describe(before.detach()), after=describe(after.detach()))


@given(case=steps())
def test_returns_the_loss_before_the_update(student, case):
    x, y, w, b, lr = case
    call = run(student, x, y, w, b, lr)
    got = loss_value(call.value)
    before, w1, b1, _, _ = reference(x, y, w, b, lr)
    after = reference(x, y, torch.tensor(w1), torch.tensor(b1), lr)[0]
    tol = 1e-5 if x.dtype == torch.float32 else 1e-10
    if abs(got - before) > tol * max(1.0, abs(before)) and abs(got - after) <= tol * max(1.0, abs(after)):
        fail("train_step returns the loss after the update; return the loss computed before it (the one backward() used)")
    expect(abs(got - before) <= tol * max(1.0, abs(before)),
           "train_step returned {got:.6g}; the tutorial's loss, 0.5 * the sum of squared errors, before the update "
           "is {expected:.6g}", got=got, expected=before)


@requires(test_update_is_one_gradient_descent_step)
def test_data_is_left_unchanged(student):
    g = torch.Generator().manual_seed(5)
    for n, dtype in ((1, torch.float32), (5, torch.float64), (9, torch.float32)):
        x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 3 - 1.5).to(dtype)
        y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
        w = torch.full((1, 1), 0.5, dtype=dtype, requires_grad=True)
        b = torch.full((1, 1), -1.0, dtype=dtype, requires_grad=True)
        call = run(student, x, y, w, b, 0.01)
        for name, before, after in (("x", x, call.args[0]), ("y", y, call.args[1])):
            expect(isinstance(after, torch.Tensor) and after.shape == before.shape and torch.equal(after, before),
                   "train_step changed the data {name}: only w and b are updated (no in-place ops on x or y)",
                   name=name)


@requires(test_update_is_one_gradient_descent_step)
@pytest.mark.shape_only
def test_steps_on_the_device_of_its_inputs(student, device):
    x = torch.tensor([[0.0], [1.0], [2.0]])
    y = torch.tensor([[2.0], [5.0], [14.0]])
    for dtype, lr in ((torch.float32, 0.1), (torch.float64, 0.02)):
        w = torch.tensor([[3.0]], dtype=dtype, requires_grad=True)
        b = torch.tensor([[1.0]], dtype=dtype, requires_grad=True)
        call = student.train_step.call(*on(device, x.to(dtype), y.to(dtype), w, b), lr)
        if device.type == "meta":  # the update runs on meta; only loss.item() needs data
            expect_device_safe(call, "train_step(x, y, w, b, lr)")
            continue
        explain_error(call)
        call.result()
        for name in ("w", "b"):
            after = call.args[2 if name == "w" else 3]
            expect(after.device.type == device.type and after.requires_grad,
                   "after train_step on the {device} device, {name} is {got}: update the caller's tensor in place where "
                   "it lives, and make new tensors (gradients too) with device=w.device", device=device.type, name=name,
                   got=describe(after.detach()))
        check_step(call, x.to(dtype), y.to(dtype), w, b, lr, 1e-5)


def losses_along(x, y, w0: float, b0: float, lr: float, steps: int, *, zeroed: bool) -> list[float]:
    """The loss before each of ``steps`` steps and after the last, from (w0, b0); ``zeroed=False``: gradients pile up."""
    losses, w, b, gw_sum, gb_sum = [], w0, b0, 0.0, 0.0
    for _step in range(steps + 1):
        loss, _w1, _b1, gw, gb = reference(x, y, torch.tensor(w), torch.tensor(b), lr)
        losses.append(loss)
        gw_sum, gb_sum = (gw, gb) if zeroed else (gw_sum + gw, gb_sum + gb)
        w, b = w - lr * gw_sum, b - lr * gb_sum
    return losses


@requires(test_update_is_one_gradient_descent_step)
def test_gradients_are_reset_for_the_next_step(student):
    x = torch.tensor([[0.0], [1.0], [2.0]], dtype=torch.float64)
    y = torch.tensor([[2.0], [5.0], [14.0]], dtype=torch.float64)
    w = torch.tensor([[3.0]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([[1.0]], dtype=torch.float64, requires_grad=True)
    lr, steps = 0.02, 3
    # three steps on the very same w and b, in the worker: a gradient left in w.grad changes the later steps, which
    # shows in the losses the calls return (before their update, or after it: the loss check judges which)
    builtin = student.builtin
    call = builtin("list").call(builtin("map")(student.train_step, [x] * steps, [y] * steps, [w] * steps, [b] * steps,
                                               [lr] * steps))
    explain_error(call)
    got = [loss_value(v) for v in call.result()]
    right = losses_along(x, y, 3.0, 1.0, lr, steps, zeroed=True)
    piled = losses_along(x, y, 3.0, 1.0, lr, steps, zeroed=False)

    def follows(losses: list[float]) -> bool:
        return len(got) == steps and any(all(abs(g - e) <= 1e-6 * max(1.0, abs(e)) for g, e in zip(got, shifted))
                                         for shifted in (losses[:steps], losses[1:]))
    if follows(right):
        return
    student.train_step.call(x, y, w, b, lr)  # one call the reproducer can write (the three above share w and b)
    if follows(piled):
        fail("train_step leaves the gradient in w.grad and b.grad: the next backward() adds to it, so a second call "
             "steps with the sum of both gradients; zero them after the update (w.grad.zero_())")
    fail("three train_step calls on the same w and b return the losses {got}; expected {expected} (each step starts "
         "from the previous one's w and b, with zeroed gradients)", got=[round(g, 6) for g in got],
         expected=[round(e, 6) for e in right[:steps]])


@requires(test_returns_the_loss_before_the_update)
def test_returns_a_python_float(student):
    x = torch.tensor([[0.0], [1.0], [2.0]])
    y = torch.tensor([[2.0], [5.0], [14.0]])
    for dtype in (torch.float32, torch.float64):
        w = torch.tensor([[3.0]], dtype=dtype, requires_grad=True)
        b = torch.tensor([[1.0]], dtype=dtype, requires_grad=True)
        got = run(student, x.to(dtype), y.to(dtype), w, b, 0.1).value
        expect(isinstance(got, float), "train_step returned {got}; return the loss as a Python float (loss.item()): a "
                                       "loss tensor keeps its whole autograd graph alive, and the caller wants a number",
               got=describe(got))
