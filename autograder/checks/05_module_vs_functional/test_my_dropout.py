"""Hidden checks for ``my_dropout(x, p, training)``: inverted dropout written by hand."""
import pytest
import torch
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires, tensors
from autograder.i18n import _

DTYPES = (torch.float32, torch.float64)
PS = (0.1, 0.3, 0.5, 0.8)


def run(student, x, p, training):
    call = student.my_dropout.call(x, p, training)
    out = call.result()
    if not isinstance(out, torch.Tensor):
        fail("my_dropout({x}, {p}, {training}) returned {got}; it must return a tensor",
             x=describe(x), p=p, training=training, got=describe(out))
    expect(tuple(out.shape) == tuple(x.shape), "my_dropout({x}, {p}, {training}) has shape {got}; the result (and the "
                                               "mask) must have x's shape",
           x=describe(x), p=p, training=training, got=tuple(out.shape))
    expect(out.dtype == x.dtype, "my_dropout({x}, {p}, {training}) has dtype {got}; keep x's dtype",
           x=describe(x), p=p, training=training, got=out.dtype)
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
            fail("{what}: kept entries are not scaled; multiply them by 1/(1-p) so the expectation stays x", what=what)
        if abs(factor - (1 - p)) < 1e-5:
            fail("{what}: kept entries are multiplied by 1-p = {keep:g}; inverted dropout divides by 1-p",
                 what=what, keep=1 - p)
        fail("{what}: some entries are neither 0 nor x/(1-p) (kept entries scaled by {factor:.4g}, expected {scale:.4g})",
             what=what, factor=factor, scale=1 / (1 - p))
    return dropped


@given(p=st.sampled_from(PS), dtype=st.sampled_from(DTYPES), seed=st.integers(0, 2**31 - 1))
def test_training_zeroes_about_p_and_scales_survivors(student, p, dtype, seed):
    x = nonzero_input((200, 100), dtype, seed)
    _call, out = run(student, x, p, True)
    dropped = check_pattern(x, out, p, f"my_dropout(x, {p}, training=True)")
    rate = float(dropped.double().mean())
    if abs(rate - (1 - p)) < 0.03 and abs(p - 0.5) > 0.1:
        fail("my_dropout(x, {p}, training=True) drops {rate:.2f} of the entries; p is the probability to DROP an entry "
             "(keep it when rand >= p)", p=p, rate=rate)
    expect(abs(rate - p) < 0.03, "my_dropout(x, {p}, training=True) drops {rate:.3f} of the entries, expected about {p}",
           p=p, rate=rate)


# returning x is right in eval mode, and the whole job of an unwritten my_dropout: eval mode earns its share once
# training mode works
@requires(test_training_zeroes_about_p_and_scales_survivors)
@given(x=tensors(dtypes=DTYPES, max_dims=4), p=st.sampled_from((0.0,) + PS + (1.0,)))
def test_eval_mode_returns_x(student, x, p):
    call, out = run(student, x, p, False)
    expect(torch.equal(out, x), "my_dropout({x}, {p}, training=False) changed values; in eval mode dropout returns x "
                                "unchanged (no dropping, no scaling)", x=describe(x), p=p)
    expect(torch.equal(call.args[0], x), "my_dropout({x}, {p}, training=False) modified x", x=describe(x), p=p)


def test_each_element_is_dropped_independently(student):
    for p, dtype in ((0.5, torch.float32), (0.3, torch.float64)):
        x = nonzero_input((200, 100), dtype, 3)
        _call, out = run(student, x, p, True)
        dropped = check_pattern(x, out, p, f"my_dropout(x, {p}, training=True)")
        rows_alike = bool((dropped.all(dim=1) | (~dropped).all(dim=1)).all())
        cols_alike = bool((dropped.all(dim=0) | (~dropped).all(dim=0)).all())
        expect(not rows_alike, "my_dropout(x of shape (200, 100), {p}, True) drops whole rows: the random mask must have "
                               "x's full shape, not one value per row", p=p)
        expect(not cols_alike, "my_dropout(x of shape (200, 100), {p}, True) drops whole columns: the random mask must "
                               "have x's full shape, not one value per column", p=p)


def test_p_zero_keeps_everything_and_p_one_drops_everything(student):
    for dtype in DTYPES:
        x = nonzero_input((30, 40), dtype, 5)
        _call, out = run(student, x, 0.0, True)
        expect(torch.allclose(out, x, rtol=1e-6, atol=0), "my_dropout(x, 0.0, training=True) changed x's values; with "
                                                          "p = 0 nothing is dropped and 1/(1-p) = 1")
        _call, out = run(student, x, 1.0, True)
        expect(not bool(out.isnan().any()), "my_dropout(x, 1.0, training=True) returned nan: with p = 1 every entry is "
                                            "dropped; return zeros instead of computing 0 * (1/0)")
        expect(bool((out == 0).all()), "my_dropout(x, 1.0, training=True) kept some entries; with p = 1 all are dropped")


@requires(test_training_zeroes_about_p_and_scales_survivors)
@given(x=tensors(dtypes=DTYPES, max_dims=3), p=st.sampled_from(PS))
def test_training_leaves_x_unchanged(student, x, p):
    call, out = run(student, x, p, True)
    seen = call.args[0]
    expect(tuple(seen.shape) == tuple(x.shape) and torch.equal(seen, x),
           "my_dropout({x}, {p}, training=True) modified x; build a new tensor (x * mask), not x.mul_(mask) or "
           "x[mask] = 0", x=describe(x), p=p)


@requires(test_training_zeroes_about_p_and_scales_survivors)
def test_result_stays_in_the_graph(student):
    for p in (0.5, 0.2, 0.0, 1.0):  # p = 1 too: all zeros, still computed from x (x * 0), not a new torch.zeros_like(x)
        x = nonzero_input((10, 10), torch.float32, 7).requires_grad_()
        call, _out = run(student, x, p, True)
        expect(call.value.requires_grad, "my_dropout(x, {p}, training=True) is cut from the autograd graph although x "
                                         "requires grad: compute the result from x (x * mask, or x * 0 when p = 1), "
                                         "not with .detach(), NumPy, torch.tensor(...) or torch.zeros_like(x)", p=p)


@requires(test_training_zeroes_about_p_and_scales_survivors)
@pytest.mark.shape_only
def test_mask_is_made_on_the_input_device(student, device):
    for shape, dtype, p in (((40, 50), torch.float32, 0.5), ((6, 5, 4), torch.float64, 0.2), ((30,), torch.float32, 1.0)):
        x = nonzero_input(shape, dtype, 11)
        what = _("my_dropout(x of shape {shape} on the {device} device, {p}, training=True)").format(
            shape=shape, device=device.type, p=p)
        _call, out = run(student, on(device, x), p, True)
        if device.type == "meta":
            expect_tensor(out, torch.empty(shape, dtype=dtype, device=device), what=what)
            continue
        expect(out.device.type == device.type,
               "{what} returned a tensor on {got}; make the random mask on x's device (torch.rand_like(x), or "
               "torch.rand(x.shape, device=x.device)) and never move the result", what=what, got=out.device.type)
        if p < 1:
            check_pattern(x, out.cpu(), p, what)
        else:
            expect(bool((out == 0).all()), "{what} kept some entries; with p = 1 all are dropped", what=what)
