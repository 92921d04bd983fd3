"""Hidden checks for ``train_step(x, y, w, b, lr)``: one in-place gradient step under no_grad.

The judge passes leaf tensors that require grad and reads them back after the call
(``call.args``): the very objects it passed must hold w - lr * dL/dw and b - lr * dL/db
and still require grad.
"""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_device_safe, fail, on

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
        fail(f"{name} updates w or b in place outside torch.no_grad(): autograd forbids in-place changes to a leaf "
             f"that requires grad; do the update inside `with torch.no_grad():`")
    if "does not require grad" in message:
        fail(f"{name}: the loss no longer requires grad, because w or b was replaced by a tensor made under no_grad "
             f"(w = w - lr * w.grad); update the given tensors in place (w -= lr * w.grad)")
    if "NoneType" in message:
        fail(f"{name} found w.grad or b.grad to be None ({call.raised}): either the gradient is read before backward(), "
             f"or w = w - lr * w.grad replaced the leaf by a new tensor whose .grad is never filled; update in place")


def run(student, x, y, w, b, lr):
    call = student.train_step.call(x, y, w, b, lr)
    explain_error(call)
    call.result()
    return call


def value(result, what: str) -> float:
    try:
        return float(result)
    except (TypeError, ValueError, RuntimeError):
        fail(f"train_step returned {describe(result)}; {what}")


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
    fail(f"after train_step(lr={lr}) w, b = {new_w:.6g}, {new_b:.6g}; one gradient-descent step on the seed's summed "
         f"loss from {w0:.6g}, {b0:.6g} gives {w1:.6g}, {b1:.6g}")


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


@given(case=steps(max_n=6))
def test_parameters_stay_float_leaves_that_require_grad(student, case):
    x, y, w, b, lr = case
    call = run(student, x, y, w, b, lr)
    for name, before, after in (("w", w, call.args[2]), ("b", b, call.args[3])):
        expect(isinstance(after, torch.Tensor) and after.requires_grad,
               f"after train_step, {name} no longer requires grad: keep the parameter a leaf with requires_grad=True "
               f"(update it in place, do not detach it or call requires_grad_(False))")
        expect(after.shape == before.shape and after.dtype == before.dtype,
               f"train_step changed {name} from {describe(before.detach())} to {describe(after.detach())}; "
               f"update its values in place and keep its shape and dtype")


@given(case=steps())
def test_returns_the_loss_before_the_update(student, case):
    x, y, w, b, lr = case
    call = run(student, x, y, w, b, lr)
    got = value(call.value, "return the loss as a Python float (loss.item())")
    before, w1, b1, _, _ = reference(x, y, w, b, lr)
    after = reference(x, y, torch.tensor(w1), torch.tensor(b1), lr)[0]
    tol = 1e-5 if x.dtype == torch.float32 else 1e-10
    if abs(got - before) > tol * max(1.0, abs(before)) and abs(got - after) <= tol * max(1.0, abs(after)):
        fail("train_step returns the loss after the update; return the loss computed before it (the one backward() used)")
    expect(abs(got - before) <= tol * max(1.0, abs(before)),
           f"train_step returned {got:.6g}; the seed's loss 0.5 * sum of squared errors before the update is {before:.6g}")


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
                   f"train_step changed the data {name}; only w and b are updated")


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
                   f"after train_step on the {device.type} device, {name} is {describe(after.detach())}; update the "
                   f"caller's tensor in place where it lives, and make new tensors (gradients too) with device=w.device")
        check_step(call, x.to(dtype), y.to(dtype), w, b, lr, 1e-5)
