"""What only 05's checks use: reading a dropout network's output (imported as ``checks_05_module_vs_functional``)."""
from __future__ import annotations

import torch

from autograder.checking import describe, expect, fail


def expect_dropout_pattern(out: torch.Tensor, p: float, b2: float, what: str, *, probe: str, switch_on: str) -> None:
    """A dropout network's output on a probe whose kept hidden units give ``b2 + 1/(1-p)`` and dropped ones ``b2``.

    The probe network has first-layer weights 0 and bias 1 (every hidden unit is 1 after ReLU), an identity second
    layer with bias ``b2``; ``probe`` names it in the student's terms, ``switch_on`` says how dropout is applied there.
    """
    kept_value = b2 + 1 / (1 - p)
    dropped = (out - b2).abs() < 1e-4
    kept = (out - kept_value).abs() < 1e-4 * kept_value
    if not bool((dropped | kept).all()):
        values = sorted({round(v, 4) for v in out.flatten()[:2000].tolist()})[:4]
        shown = ", ".join(f"{v:g}" for v in values)
        if len(values) == 2 and abs(values[0] - b2) < 1e-4 and values[1] - b2 > 1 + 1e-4:
            used = 1 - 1 / (values[1] - b2)  # the drop probability that this scaling belongs to
            if abs(used - (1 - p)) < 1e-3:
                fail("{what}: kept units are scaled by 1/p = {scale:g}, as if 1 - p were passed; the dropout "
                     "probability p is the probability to DROP a unit", what=what, scale=1 / p)
            fail("{what}: kept units are scaled by {scale:g}, as if the dropout probability were {used:g}, "
                 "not p = {p}: pass p on to the dropout", what=what, scale=values[1] - b2, used=used, p=p)
        if all(abs(v - (b2 + 1)) < 1e-4 for v in values):
            fail("{what}: no hidden unit was dropped in train mode (every output is {value:g}); {switch_on}",
                 what=what, value=b2 + 1, switch_on=switch_on)
        if any(abs(v) < 1e-6 for v in values) and any(abs(v - (1 + b2) / (1 - p)) < 1e-3 for v in values):
            fail("{what}: dropout acts on the output (values {shown}); it belongs to the hidden layer, after ReLU",
                 what=what, shown=shown)
        if any(abs(v - (b2 + 1)) < 1e-4 for v in values) and any(abs(v - b2) < 1e-4 for v in values):
            fail("{what}: kept hidden units are not scaled (values {shown}); dropout multiplies them by 1/(1-p)",
                 what=what, shown=shown)
        fail("{what}: outputs take the values {shown}; with {probe} and second-layer bias {b2:g}, every output "
             "should be {b2:g} (dropped) or {kept:g} (kept and scaled by 1/(1-p))",
             what=what, shown=shown, probe=probe, b2=b2, kept=kept_value)
    rate = float(dropped.double().mean())
    if abs(rate - (1 - p)) < 0.03 and abs(p - 0.5) > 0.1:
        fail("{what}: {rate:.2f} of the hidden units are dropped; p is the probability to DROP a unit, not to keep it",
             what=what, rate=rate)
    expect(abs(rate - p) < 0.03, "{what}: {rate:.3f} of the hidden units are dropped, expected about p = {p}",
           what=what, rate=rate, p=p)


def forward(net, x, what: str) -> torch.Tensor:
    """The student's network on ``x``, detached; it must return a tensor."""
    out = net(x)
    if not isinstance(out, torch.Tensor):
        fail("{what} returned {got}; forward must return the output tensor", what=what, got=describe(out))
    return out.detach()


def expected_shapes(keys: tuple, in_f, hidden, out_f) -> dict:
    """The shapes of a two-layer network's parameters under ``keys``: first weight and bias, second weight and bias."""
    return dict(zip(keys, ((hidden, in_f), (hidden,), (out_f, hidden), (out_f,))))


def identity_state(keys: tuple, in_f: int, hidden: int, b2: float) -> dict:
    """The dropout probe: zero first-layer weights, bias 1 (every hidden unit is 1), an identity second layer with bias
    ``b2``; under ``keys`` as in expected_shapes."""
    values = (torch.zeros(hidden, in_f), torch.ones(hidden), torch.eye(hidden), torch.full((hidden,), b2))
    return dict(zip(keys, values))
