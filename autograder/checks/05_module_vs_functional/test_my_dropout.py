"""Hidden checks for ``my_dropout(x, p, training)``: inverted dropout written by hand."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, tensors

DTYPES = (torch.float32, torch.float64)
PS = (0.1, 0.3, 0.5, 0.8)


def run(student, x, p, training):
    call = student.my_dropout.call(x, p, training)
    out = call.result()
    if not isinstance(out, torch.Tensor):
        fail(f"my_dropout({describe(x)}, {p}, {training}) returned {describe(out)}; it must return a tensor")
    expect(tuple(out.shape) == tuple(x.shape),
           f"my_dropout({describe(x)}, {p}, {training}) has shape {tuple(out.shape)}; the mask must have x's shape")
    expect(out.dtype == x.dtype, f"my_dropout({describe(x)}, {p}, {training}) has dtype {out.dtype}; keep x's dtype")
    return call, out.detach()


def nonzero_input(shape, dtype, seed) -> torch.Tensor:
    """Values in 0.5..1.5 or -1.5..-0.5, so that a dropped entry (0) is never confused with a kept one."""
    g = torch.Generator().manual_seed(seed)
    magnitude = torch.rand(shape, generator=g, dtype=torch.float64) + 0.5
    sign = torch.where(torch.rand(shape, generator=g) < 0.5, -1.0, 1.0).double()
    return (magnitude * sign).to(dtype)


def check_pattern(x, out, p, what) -> torch.Tensor:
    """Every entry is 0 or x / (1 - p); return the dropped mask."""
    x64, out64 = x.double(), out.double()
    dropped = out64 == 0
    scaled = (out64 - x64 / (1 - p)).abs() <= 1e-5 * x64.abs() / (1 - p)
    if not bool((dropped | scaled).all()):
        kept = out64[~dropped] / x64[~dropped]
        factor = float(kept.median()) if kept.numel() else float("nan")
        if abs(factor - 1) < 1e-5:
            fail(f"{what}: kept entries are not scaled; multiply them by 1/(1-p) so the expectation stays x")
        if abs(factor - (1 - p)) < 1e-5:
            fail(f"{what}: kept entries are multiplied by 1-p = {1 - p:g}; inverted dropout divides by 1-p")
        fail(f"{what}: some entries are neither 0 nor x/(1-p) (kept entries scaled by {factor:.4g}, expected {1 / (1 - p):.4g})")
    return dropped


@given(x=tensors(dtypes=DTYPES, max_dims=4), p=st.sampled_from((0.0,) + PS + (1.0,)))
def test_eval_mode_returns_x(student, x, p):
    call, out = run(student, x, p, False)
    expect(torch.equal(out, x), f"my_dropout({describe(x)}, {p}, training=False) changed values; in eval mode dropout "
                                f"returns x unchanged (no dropping, no scaling)")
    expect(torch.equal(call.args[0], x), f"my_dropout({describe(x)}, {p}, training=False) modified x")


@given(p=st.sampled_from(PS), dtype=st.sampled_from(DTYPES), seed=st.integers(0, 2**31 - 1))
def test_training_zeroes_about_p_and_scales_survivors(student, p, dtype, seed):
    x = nonzero_input((200, 100), dtype, seed)
    _, out = run(student, x, p, True)
    dropped = check_pattern(x, out, p, f"my_dropout(x, {p}, training=True)")
    rate = float(dropped.double().mean())
    if abs(rate - (1 - p)) < 0.03 and abs(p - 0.5) > 0.1:
        fail(f"my_dropout(x, {p}, training=True) drops {rate:.2f} of the entries; p is the probability to DROP an "
             f"entry (keep it when rand >= p)")
    expect(abs(rate - p) < 0.03, f"my_dropout(x, {p}, training=True) drops {rate:.3f} of the entries, expected about {p}")


def test_each_element_is_dropped_independently(student):
    for p, dtype in ((0.5, torch.float32), (0.3, torch.float64)):
        x = nonzero_input((200, 100), dtype, 3)
        _, out = run(student, x, p, True)
        dropped = check_pattern(x, out, p, f"my_dropout(x, {p}, training=True)")
        rows_alike = bool((dropped.all(dim=1) | (~dropped).all(dim=1)).all())
        cols_alike = bool((dropped.all(dim=0) | (~dropped).all(dim=0)).all())
        expect(not rows_alike, f"my_dropout(x of shape (200, 100), {p}, True) drops whole rows: the random mask must have "
                               f"x's full shape, not one value per row")
        expect(not cols_alike, f"my_dropout(x of shape (200, 100), {p}, True) drops whole columns: the random mask must "
                               f"have x's full shape, not one value per column")


def test_p_zero_keeps_everything_and_p_one_drops_everything(student):
    for dtype in DTYPES:
        x = nonzero_input((30, 40), dtype, 5)
        _, out = run(student, x, 0.0, True)
        expect(torch.allclose(out, x, rtol=1e-6, atol=0), "my_dropout(x, 0.0, training=True) changed x's values; with "
                                                          "p = 0 nothing is dropped and 1/(1-p) = 1")
        _, out = run(student, x, 1.0, True)
        expect(not bool(out.isnan().any()), "my_dropout(x, 1.0, training=True) returned nan: with p = 1 every entry is "
                                            "dropped; return zeros instead of computing 0 * (1/0)")
        expect(bool((out == 0).all()), "my_dropout(x, 1.0, training=True) kept some entries; with p = 1 all are dropped")


@given(x=tensors(dtypes=DTYPES, max_dims=3), p=st.sampled_from(PS))
def test_training_leaves_x_unchanged(student, x, p):
    call, out = run(student, x, p, True)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           f"my_dropout({describe(x)}, {p}, training=True) modified x; build a new tensor (x * mask), not x.mul_(mask) "
           f"or x[mask] = 0")


def test_result_stays_in_the_graph(student):
    for p in (0.5, 0.2):
        x = nonzero_input((10, 10), torch.float32, 7).requires_grad_()
        call, _ = run(student, x, p, True)
        expect(call.value.requires_grad, f"my_dropout(x, {p}, training=True) is cut from the autograd graph although x "
                                         f"requires grad; build the result with torch operations on x (no .detach(), "
                                         f"NumPy or torch.tensor(...))")


@pytest.mark.shape_only
def test_mask_is_made_on_the_input_device(student, device):
    for shape, dtype, p in (((40, 50), torch.float32, 0.5), ((6, 5, 4), torch.float64, 0.2), ((30,), torch.float32, 1.0)):
        x = nonzero_input(shape, dtype, 11)
        what = f"my_dropout(x of shape {shape} on the {device.type} device, {p}, training=True)"
        _, out = run(student, on(device, x), p, True)
        if device.type == "meta":
            expect_tensor(out, torch.empty(shape, dtype=dtype, device=device), what=what)
            continue
        expect(out.device.type == device.type,
               f"{what} returned a tensor on {out.device.type}; make the random mask on x's device "
               f"(torch.rand_like(x), or torch.rand(x.shape, device=x.device)) and never move the result")
        if p < 1:
            check_pattern(x, out.cpu(), p, what)
        else:
            expect(bool((out == 0).all()), f"{what} kept some entries; with p = 1 all are dropped")
