"""Hidden checks for ``gradients(objective, x, y, w, b)``: autograd's dL/dw and dL/db for any loss.

The objectives are the notebook's own ``abs_loss`` and ``cubic_loss`` (locked cell
``other_losses``), passed to the student's function as handles; the oracle is the
same loss differentiated by autograd in float64 here.  A gradient derived by hand
for the tutorial's squared loss cannot match both.
"""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _

DTYPES = (torch.float32, torch.float64)


def abs_loss(x, y, w, b):
    return (x.pow(2).mm(w) + b - y).abs().sum()


def cubic_loss(x, y, w, b):
    return (x.pow(3).mm(w) + b - y).pow(2).mean()


def tutorial_loss(x, y, w, b):
    return (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()


OBJECTIVES = {"abs_loss": abs_loss, "cubic_loss": cubic_loss}


@st.composite
def problems(draw, max_n: int = 10):
    n = draw(st.integers(1, max_n))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)
    y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
    w = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    b = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_()
    return x, y, w, b


def oracle(objective, x, y, w, b) -> tuple[torch.Tensor, torch.Tensor]:
    w64 = w.detach().double().requires_grad_()
    b64 = b.detach().double().requires_grad_()
    gw, gb = torch.autograd.grad(objective(x.double(), y.double(), w64, b64), (w64, b64))
    return gw.to(w.dtype), gb.to(b.dtype)


def close(a, b, tol) -> bool:
    return isinstance(a, torch.Tensor) and a.shape == b.shape and torch.allclose(a.double(), b.double(), rtol=tol, atol=tol)


def grads(student, name: str, x, y, w, b):
    call = student.gradients.call(getattr(student, name), x, y, w, b)
    result = call.result()
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("gradients returned a {got}; it must return a pair (dL/dw, dL/db)", got=describe(result))
    gw, gb = result
    if gw is None or gb is None:
        fail("gradients returned None: read the gradients after calling backward() on the loss "
             "(or use torch.autograd.grad), and keep w and b the leaves you were given")
    for name_, g, p in (("dL/dw", gw, w), ("dL/db", gb, b)):
        expect(isinstance(g, torch.Tensor), "gradients returned {got} for {name}; return tensors, like w.grad",
               got=describe(g), name=name_)
        expect(tuple(g.shape) == tuple(p.shape),
               "gradients returned {name} of shape {got}; a gradient has its parameter's shape {expected}",
               name=name_, got=tuple(g.shape), expected=tuple(p.shape))
    return call, (gw.detach(), gb.detach())


def check_objective(student, name: str, case) -> None:
    x, y, w, b = case
    _call, (gw, gb) = grads(student, name, x, y, w, b)
    ew, eb = oracle(OBJECTIVES[name], x, y, w, b)
    tol = 1e-4 if x.dtype == torch.float32 else 1e-9
    if not (close(gw, ew, tol) and close(gb, eb, tol)):
        hw, hb = oracle(tutorial_loss, x, y, w, b)
        if close(gw, hw, tol) and close(gb, hb, tol):
            fail("gradients ignores objective: it returns the gradient of the tutorial's loss, derived by hand, not "
                 "the gradient of {name}; call backward() on objective(x, y, w, b)", name=name)
        if close(gw, eb, tol) and close(gb, ew, tol) and not close(ew, eb, tol):
            fail("gradients returns (dL/db, dL/dw); the order is (dL/dw, dL/db)")
        if close(gw, 2 * ew, tol) and close(gb, 2 * eb, tol):
            fail("gradients returns twice autograd's gradient: backward() ran twice and .grad accumulated both")
        if not bool(gw.any()) and not bool(gb.any()) and bool(ew.any() or eb.any()):
            fail("gradients returns zeros: g = w.grad is the same tensor as w.grad, so zeroing the gradient "
                 "afterwards also zeroes what you return (clone it, or do not zero here)")
    for label, got, expected in (("dL/dw", gw, ew), ("dL/db", gb, eb)):
        expect_tensor(got, expected, rtol=tol, atol=tol, what=_("{grad} of {loss} ({n} samples, {dtype})").format(
            grad=label, loss=name, n=x.shape[0], dtype=x.dtype))


@given(case=problems())
def test_matches_autograd_for_the_cubic_loss(student, case):
    check_objective(student, "cubic_loss", case)


@given(case=problems())
def test_matches_autograd_for_the_absolute_loss(student, case):
    check_objective(student, "abs_loss", case)


def test_fixed_example(student):
    x = torch.tensor([[0.0], [1.0], [2.0]], dtype=torch.float64)
    y = torch.tensor([[2.0], [5.0], [14.0]], dtype=torch.float64)
    for name, expected in (("cubic_loss", (58.0, 6.0)), ("abs_loss", (-5.0, -3.0))):
        w = torch.tensor([[3.0]], dtype=torch.float64, requires_grad=True)
        b = torch.tensor([[1.0]], dtype=torch.float64, requires_grad=True)
        _call, (gw, gb) = grads(student, name, x, y, w, b)
        for label, got, value in (("dL/dw", gw, expected[0]), ("dL/db", gb, expected[1])):
            expect_tensor(got, torch.tensor([[value]], dtype=torch.float64),
                          what=_("{grad} of {loss} at w = 3, b = 1").format(grad=label, loss=name))


@requires(test_matches_autograd_for_the_cubic_loss, test_matches_autograd_for_the_absolute_loss)
@given(case=problems(max_n=6), name=st.sampled_from(sorted(OBJECTIVES)))
def test_parameters_and_data_are_left_unchanged(student, case, name):
    call, _grads = grads(student, name, *case)
    for label, before, after in zip(("x", "y", "w", "b"), case, call.args[1:]):
        expect(isinstance(after, torch.Tensor) and after.shape == before.shape
               and torch.equal(after.detach(), before.detach()),
               "gradients changed the values of {name}: computing gradients must not update or modify anything",
               name=label)
        expect(after.requires_grad == before.requires_grad,
               "gradients changed whether {name} requires grad; leave the tensors as they were given", name=label)


@requires(test_matches_autograd_for_the_cubic_loss, test_matches_autograd_for_the_absolute_loss)
@pytest.mark.shape_only
def test_gradients_stay_on_the_parameters_device(student, device):
    g = torch.Generator().manual_seed(21)
    for name, n, dtype in (("cubic_loss", 4, torch.float32), ("abs_loss", 6, torch.float64)):
        x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)
        y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
        w = torch.full((1, 1), 1.5, dtype=dtype, requires_grad=True)
        b = torch.full((1, 1), -0.5, dtype=dtype, requires_grad=True)
        _call, (gw, gb) = grads(student, name, *on(device, x, y, w, b))
        ew, eb = oracle(OBJECTIVES[name], x, y, w, b)
        tol = 1e-4 if dtype == torch.float32 else 1e-9
        for label, got, expected in (("dL/dw", gw, ew), ("dL/db", gb, eb)):
            expect_tensor(got, on(device, expected), rtol=tol, atol=tol,
                          what=_("{grad} ({loss}, {dtype}, inputs on the {device} device)").format(
                              grad=label, loss=name, dtype=dtype, device=device.type))
