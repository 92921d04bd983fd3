"""Hidden checks for ``loss_fn(x, y, w, b)``: the tutorial's 0.5 * sum((x**2 @ w + b - y)**2), kept in autograd's graph."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import expect, expect_tensor, fail, on, requires
from autograder.i18n import _

DTYPES = (torch.float32, torch.float64)


@st.composite
def problems(draw, min_n: int = 1, max_n: int = 12, requires_grad: bool = True):
    """(x, y, w, b) of one dtype: x, y of shape (n, 1), w, b of shape (1, 1)."""
    n = draw(st.integers(min_n, max_n))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)
    y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
    w = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_(requires_grad)
    b = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_(requires_grad)
    return x, y, w, b


def oracle(x, y, w, b, *, square=True, half=True, mean=False) -> float:
    xs, ys = x.detach().double().numpy(), y.detach().double().numpy()
    wv, bv = float(w.detach()), float(b.detach())
    r = wv * (xs ** 2 if square else xs) + bv - ys
    total = (r ** 2).mean() if mean else (r ** 2).sum()
    return float(0.5 * total if half else total)


def diagnose(value: float, x, y, w, b) -> None:
    """Name the misconception when the value matches a typical wrong loss."""
    def near(other: float) -> bool:
        return abs(value - other) <= 1e-4 * max(1.0, abs(other))
    right = oracle(x, y, w, b)
    if near(right):
        return
    if x.shape[0] > 1 and near(oracle(x, y, w, b, mean=True)):
        fail("loss_fn averages the squared errors; the tutorial's loss is 0.5 * their SUM (sum(), not mean())")
    if near(oracle(x, y, w, b, half=False)):
        fail("loss_fn is twice the tutorial's loss: multiply the sum of squared errors by 0.5")
    if near(oracle(x, y, w, b, square=False)):
        fail("loss_fn uses the model w * x + b; the tutorial's model is w * x**2 + b (x.pow(2).mm(w) + b)")


def loss(student, x, y, w, b) -> torch.Tensor:
    call = student.loss_fn.call(x, y, w, b)
    result = call.result()
    if isinstance(result, (float, int)) and not isinstance(result, bool):
        fail("loss_fn returned a Python {kind}; return the 0-dim tensor itself (no .item()) so that backward() can "
             "reach w and b", kind=type(result).__name__)
    if isinstance(result, torch.Tensor) and result.numel() == 1 and result.dim() > 0:
        fail("loss_fn returned shape {got}; the loss is a 0-dim tensor of shape () (sum over all entries)",
             got=tuple(result.shape))
    if isinstance(result, torch.Tensor) and result.numel() > 1:
        fail("loss_fn returned shape {got}, one value per sample; sum them into a 0-dim tensor", got=tuple(result.shape))
    if isinstance(result, torch.Tensor) and result.dim() == 0:
        diagnose(float(result.detach()), x, y, w, b)
    return result


@given(case=problems())
def test_value_is_half_the_sum_of_squared_errors(student, case):
    x, y, w, b = case
    result = loss(student, x, y, w, b)
    expected = torch.tensor(oracle(x, y, w, b), dtype=torch.float64).to(x.dtype)
    tol = 1e-5 if x.dtype == torch.float32 else 1e-10
    expect_tensor(result.detach() if isinstance(result, torch.Tensor) else result, expected, rtol=tol, atol=tol,
                  what=_("loss_fn on {n} samples of dtype {dtype}").format(n=x.shape[0], dtype=x.dtype))


def fixed_cases(requires_grad: bool = True):
    """A few (x, y, w, b) of both dtypes, made from a fixed generator."""
    g = torch.Generator().manual_seed(11)
    for n, dtype in ((1, torch.float32), (4, torch.float64), (7, torch.float32)):
        x = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)
        y = (torch.rand(n, 1, generator=g, dtype=torch.float64) * 10 - 5).to(dtype)
        w = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_(requires_grad)
        b = (torch.rand(1, 1, generator=g, dtype=torch.float64) * 6 - 3).to(dtype).requires_grad_(requires_grad)
        yield x, y, w, b


@requires(test_value_is_half_the_sum_of_squared_errors)
def test_loss_stays_in_the_autograd_graph(student):
    for x, y, w, b in fixed_cases():
        result = loss(student, x, y, w, b)
        expect(isinstance(result, torch.Tensor) and result.requires_grad,
               "the loss does not require grad although w and b do: it was cut from the graph "
               "(.item(), .detach(), torch.tensor(...) or NumPy); backward() could not reach w and b")


def test_works_for_parameters_without_grad(student):
    for x, y, w, b in fixed_cases(requires_grad=False):
        result = loss(student, x, y, w, b)
        expected = torch.tensor(oracle(x, y, w, b), dtype=torch.float64).to(x.dtype)
        tol = 1e-5 if x.dtype == torch.float32 else 1e-10
        expect_tensor(result, expected, rtol=tol, atol=tol,
                      what=_("loss_fn with w and b that do not require grad (evaluation, no training)"))


@requires(test_value_is_half_the_sum_of_squared_errors)
@given(case=problems())
def test_inputs_are_left_unchanged(student, case):
    x, y, w, b = case
    call = student.loss_fn.call(x, y, w, b)
    call.result()
    for name, before, after in zip(("x", "y", "w", "b"), case, call.args):
        expect(isinstance(after, torch.Tensor) and after.shape == before.shape and torch.equal(after.detach(), before.detach()),
               "loss_fn changed its input {name}: computing the loss must not modify x, y, w or b (no in-place ops "
               "such as pow_ or x **= 2)", name=name)
        expect(after.requires_grad == before.requires_grad,
               "loss_fn changed whether {name} requires grad; leave the inputs as they are", name=name)


def test_single_sample_and_tutorial_example(student):
    cases = (
        (torch.tensor([[0.0], [1.0], [2.0]]), torch.tensor([[2.0], [5.0], [14.0]]), 3.0, 1.0, 1.5),
        (torch.tensor([[2.0]]), torch.tensor([[1.0]]), 0.5, -2.0, 0.5),
        (torch.tensor([[-1.0]], dtype=torch.float64), torch.tensor([[4.0]], dtype=torch.float64), 1.0, 1.0, 2.0),
    )
    for x, y, wv, bv, value in cases:
        w = torch.full((1, 1), wv, dtype=x.dtype, requires_grad=True)
        b = torch.full((1, 1), bv, dtype=x.dtype, requires_grad=True)
        result = loss(student, x, y, w, b)
        expect_tensor(result.detach() if isinstance(result, torch.Tensor) else result,
                      torch.tensor(value, dtype=x.dtype), rtol=1e-6, atol=1e-6,
                      what=_("loss_fn on {n} sample(s) with w = {w}, b = {b}").format(n=x.shape[0], w=wv, b=bv))


@requires(test_value_is_half_the_sum_of_squared_errors)
@pytest.mark.shape_only
def test_loss_stays_on_the_input_device(student, device):
    for x, y, w, b in fixed_cases():
        call = student.loss_fn.call(*on(device, x, y, w, b))
        result = call.result()
        expected = on(device, torch.tensor(oracle(x, y, w, b), dtype=torch.float64).to(x.dtype))
        tol = 1e-5 if x.dtype == torch.float32 else 1e-10
        expect_tensor(result.detach() if isinstance(result, torch.Tensor) else result, expected, rtol=tol, atol=tol,
                      what=_("loss_fn on {n} sample(s) of dtype {dtype} on the {device} device").format(
                          n=x.shape[0], dtype=x.dtype, device=device.type))
        expect(result.requires_grad, "loss_fn on the {device} device is cut from the autograd graph although w and b "
                                     "require grad", device=device.type)
