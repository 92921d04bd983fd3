"""Hidden checks for ``functional_forward(x, params, p, training)``: the MLP with F.linear / F.relu / F.dropout.

``params`` uses MLP's state_dict keys.  The judge's oracle is the same network without
dropout in float64; the dropout mask is observed with zero fc1 weights, fc1 bias one and
an identity fc2, which make the output b2 + mask / (1 - p).
"""
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _
from checks_05_module_vs_functional import expect_dropout_pattern

DTYPES = (torch.float32, torch.float64)


def probe() -> dict:
    """How the dropout probe network looks in this part, and how dropout is switched on there (expect_dropout_pattern),
    in the student's language (translated when a check runs)."""
    return {"probe": _("zero fc1.weight, fc1.bias = 1 and an identity fc2.weight"),
            "switch_on": _("call F.dropout(h, p, training=training) on the hidden layer")}


@st.composite
def networks(draw):
    in_f, hidden, out_f = draw(st.integers(1, 6)), draw(st.integers(1, 10)), draw(st.integers(1, 5))
    dtype = draw(st.sampled_from(DTYPES))
    g = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    def rand(*shape):
        return (torch.rand(*shape, generator=g, dtype=torch.float64) * 2 - 1).to(dtype)
    params = {"fc1.weight": rand(hidden, in_f), "fc1.bias": rand(hidden), "fc2.weight": rand(out_f, hidden),
              "fc2.bias": rand(out_f)}
    x = rand(draw(st.integers(1, 6)), in_f) * 3
    return x, params, draw(st.sampled_from([0.0, 0.2, 0.5, 0.9]))


def oracle(x, params) -> torch.Tensor:
    h = F.relu(F.linear(x.double(), params["fc1.weight"].double(), params["fc1.bias"].double()))
    return F.linear(h, params["fc2.weight"].double(), params["fc2.bias"].double()).to(x.dtype)


def identity_params(in_f: int, hidden: int, b2: float) -> dict:
    return {"fc1.weight": torch.zeros(hidden, in_f), "fc1.bias": torch.ones(hidden),
            "fc2.weight": torch.eye(hidden), "fc2.bias": torch.full((hidden,), b2)}


def run(student, x, params, p, training):
    call = student.functional_forward.call(x, params, p, training)
    if call.raised == "RuntimeError" and "cannot be multiplied" in call.error_message:
        fail("functional_forward raised RuntimeError ({error}): weights have shape (out, in) like nn.Linear, and "
             "F.linear(x, weight, bias) computes x @ weight.T + bias", error=call.error_message)
    out = call.result()
    if not isinstance(out, torch.Tensor):
        fail("functional_forward returned {got}; it must return the output tensor", got=describe(out))
    expected = (x.shape[0], params["fc2.weight"].shape[0])
    expect(tuple(out.shape) == expected, "functional_forward maps x of shape {shape} to {got}; expected {expected} "
                                         "(F.linear(x, weight, bias) computes x @ weight.T + bias)",
           shape=tuple(x.shape), got=tuple(out.shape), expected=expected)
    expect(out.dtype == x.dtype, "functional_forward returned dtype {got} for {dtype} inputs; keep the dtype of x and "
                                 "params", got=out.dtype, dtype=x.dtype)
    return call, out.detach()


@given(case=networks())
def test_without_training_it_is_the_network_without_dropout(student, case):
    x, params, p = case
    _call, out = run(student, x, params, p, False)
    tol = 1e-5 if x.dtype == torch.float32 else 1e-10
    expect(torch.allclose(out, oracle(x, params), rtol=tol, atol=tol),
           "functional_forward(x, params, p={p}, training=False) is not fc2(relu(fc1(x))): check F.linear(x, weight, "
           "bias), the ReLU, and that dropout is off when training is False", p=p)


def test_training_false_never_drops(student):
    x = torch.randn(400, 2, generator=torch.Generator().manual_seed(0))
    for p in (0.5, 0.2):
        _call, out = run(student, x, identity_params(2, 30, 0.5), p, False)
        expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
               "functional_forward(..., p={p}, training=False) still drops hidden units: F.dropout's training argument "
               "defaults to True, so pass training=training", p=p)


def test_training_true_drops_hidden_units_at_rate_p_and_scales(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for p in (0.2, 0.5, 0.8):
        _call, out = run(student, x, identity_params(3, 40, 0.5), p, True)
        expect_dropout_pattern(out, p, 0.5, f"functional_forward(..., p={p}, training=True)", **probe())
    _call, out = run(student, x, identity_params(3, 40, 0.5), 0.0, True)
    expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
           "functional_forward(..., p=0.0, training=True) dropped hidden units; p = 0 keeps them all")


@requires(test_without_training_it_is_the_network_without_dropout)
@given(case=networks(), training=st.booleans())
def test_x_and_params_are_left_unchanged(student, case, training):
    x, params, p = case
    call, _out = run(student, x, params, p, training)
    seen_x, seen_params = call.args[0], call.args[1]
    expect(isinstance(seen_x, torch.Tensor) and seen_x.shape == x.shape and torch.equal(seen_x, x),
           "functional_forward changed x; the forward pass must not modify its input (no in-place ops such as relu_)")
    expect(isinstance(seen_params, dict) and set(seen_params) == set(params),
           "functional_forward changed the keys of params; read the parameters, do not add or remove entries")
    for key, value in params.items():
        expect(torch.equal(seen_params[key], value),
               "functional_forward changed params['{key}']; the parameters must not be modified", key=key)


@requires(test_without_training_it_is_the_network_without_dropout)
@pytest.mark.shape_only
def test_output_stays_on_the_device_of_x_and_params(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    g = torch.Generator().manual_seed(5)
    for (in_f, hidden, out_f, batch), dtype in (((3, 7, 2, 5), torch.float32), ((4, 6, 3, 2), torch.float64)):
        params = {"fc1.weight": torch.randn(hidden, in_f, generator=g), "fc1.bias": torch.randn(hidden, generator=g),
                  "fc2.weight": torch.randn(out_f, hidden, generator=g), "fc2.bias": torch.randn(out_f, generator=g)}
        params = {k: v.to(dtype) for k, v in params.items()}
        x = torch.randn(batch, in_f, generator=g, dtype=dtype)
        moved = {k: on(device, v) for k, v in params.items()}
        for p, training in ((0.5, False), (0.0, True), (0.5, True)):
            what = _("functional_forward(x, params, p={p}, training={training}) with x and params on the {device} "
                     "device").format(p=p, training=training, device=device.type)
            _call, out = run(student, on(device, x), moved, p, training)
            if p == 0.0 or not training:  # no unit is dropped: the output is the network's
                expect_tensor(out, on(device, oracle(x, params)), rtol=tol, atol=tol, what=what)
            else:
                expect(out.device.type == device.type,
                       "{what} returned a tensor on {got}; compute on the parameters' device: new tensors with "
                       "device=x.device or *_like, no .cpu()", what=what, got=out.device.type)
