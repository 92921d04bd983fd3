"""Hidden checks for ``MLP(in_features, hidden, out_features, p)``: nn.Module layers fc1 -> ReLU -> Dropout -> fc2.

The judge reads the module's state_dict, loads parameters of its own (zero fc1 weights and
a bias of one, an identity fc2) so that the output shows the dropout mask of the hidden
layer directly, and switches the module between train() and eval().
"""
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _
from autograder.student import Remote
from checks_05_module_vs_functional import expect_dropout_pattern, expected_shapes, forward, identity_state

KEYS = ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias")


def probe() -> dict:
    """How the dropout probe network looks in this part, and how dropout is switched on there (expect_dropout_pattern),
    in the student's language (translated when a check runs)."""
    return {"probe": _("zero fc1 weights, fc1 bias 1 and an identity fc2"),
            "switch_on": _("apply dropout to the hidden layer")}


def build(student, *args) -> Remote:
    net = student.MLP(*args)
    if not isinstance(net, Remote):
        fail("MLP{args} gave {got}; MLP must be an nn.Module subclass", args=args, got=describe(net))
    return net


def state(net, args) -> dict:
    sd = net.attr("state_dict")()
    if not isinstance(sd, dict):
        fail("state_dict() of MLP{args} returned {got}; do not override state_dict", args=args, got=describe(sd))
    return sd


def check_state(sd: dict, args) -> None:
    got = {k: tuple(v.shape) if isinstance(v, torch.Tensor) else None for k, v in sd.items()}
    expected = expected_shapes(KEYS, *args[:3])
    if not got:
        fail("MLP{args} registers no parameters: call super().__init__() first and assign the nn.Linear layers as "
             "attributes (self.fc1 = ...), not in a plain list or dict", args=args)
    missing = [k for k in expected if k not in got]
    extra = [k for k in got if k not in expected]
    expect(not missing, "the state_dict of MLP{args} has keys {got}; the layers must be attributes named fc1 and fc2 "
                        "so that the keys are {expected}", args=args, got=", ".join(got), expected=", ".join(expected))
    expect(not extra, "the state_dict of MLP{args} has extra entries {extra}; register only fc1 and fc2 (nn.Dropout "
                      "and ReLU have no parameters)", args=args, extra=", ".join(extra))
    for key, shape in expected.items():
        expect(got[key] == shape, "{key} of MLP{args} has shape {got}; nn.Linear(in, out) stores weight as (out, in) "
                                  "and bias as (out,), so expected {expected}",
               key=key, args=args, got=got[key], expected=shape)


def oracle(x: torch.Tensor, sd: dict) -> torch.Tensor:
    x64 = x.double()
    h = F.relu(F.linear(x64, sd["fc1.weight"].double(), sd["fc1.bias"].double()))
    return F.linear(h, sd["fc2.weight"].double(), sd["fc2.bias"].double()).to(x.dtype)


def load(net, sd: dict, args) -> None:
    check_state(state(net, args), args)
    net.attr("load_state_dict")(sd)


def test_state_dict_has_fc1_and_fc2_weights_and_biases(student):
    for args in ((4, 8, 3, 0.5), (1, 1, 1, 0.0), (10, 3, 7, 0.2)):
        sd = state(build(student, *args), args)
        check_state(sd, args)
        for key, value in sd.items():
            expect(value.dtype == torch.float32, "{key} of MLP{args} has dtype {dtype}; nn.Linear makes float32",
                   key=key, args=args, dtype=value.dtype)


def test_parameters_are_registered_and_require_grad(student):
    for args in ((4, 8, 3, 0.5), (2, 5, 1, 0.1)):
        net = build(student, *args)
        check_state(state(net, args), args)
        call = student.builtin("list").call(net.attr("parameters")())
        if call.raised is not None or not isinstance(call.value, list):
            fail("MLP{args}.parameters() is unusable ({error}); assign the layers as attributes", args=args,
                 error=call.raised or describe(call.value))
        parameters = [p for p in call.value if isinstance(p, torch.Tensor)]
        in_f, hidden, out_f, _p = args
        total = hidden * in_f + hidden + out_f * hidden + out_f
        count = sum(p.numel() for p in parameters)
        expect(count == total, "MLP{args}.parameters() holds {count} numbers; fc1 and fc2 hold {total}",
               args=args, count=count, total=total)
        expect(all(p.requires_grad for p in parameters),
               "the parameters of MLP{args} do not require grad; keep nn.Linear's parameters trainable", args=args)


@given(in_f=st.integers(1, 6), hidden=st.integers(1, 10), out_f=st.integers(1, 5), batch=st.integers(1, 6),
       p=st.sampled_from([0.0, 0.2, 0.5, 0.9]), seed=st.integers(0, 2**31 - 1))
def test_eval_mode_output_is_the_network_without_dropout(student, in_f, hidden, out_f, batch, p, seed):
    args = (in_f, hidden, out_f, p)
    net = build(student, *args)
    sd = state(net, args)
    check_state(sd, args)
    net.attr("eval")()
    x = torch.randn(batch, in_f, generator=torch.Generator().manual_seed(seed))
    out = forward(net, x, _("MLP{args} in eval mode").format(args=args))
    expect(tuple(out.shape) == (batch, out_f), "MLP{args} maps x of shape {shape} to {got}; expected {expected}",
           args=args, shape=(batch, in_f), got=tuple(out.shape), expected=(batch, out_f))
    expected = oracle(x, sd)
    if not torch.allclose(out, expected, rtol=1e-5, atol=1e-5):
        if torch.allclose(out, F.softmax(expected, dim=1), rtol=1e-5, atol=1e-5):
            fail("MLP{args} applies softmax to its output; return fc2's output (logits) as it is", args=args)
        fail("in eval mode MLP{args} does not compute fc2(relu(fc1(x))) with its own parameters: check the order "
             "Linear -> ReLU -> Dropout -> Linear, and that dropout is an nn.Dropout layer that eval() turns off",
             args=args)


def test_train_mode_drops_hidden_units_at_rate_p_and_scales(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for p in (0.2, 0.5, 0.8):
        args = (3, 40, 40, p)
        net = build(student, *args)
        load(net, identity_state(KEYS, 3, 40, 0.5), args)
        net.attr("train")()
        expect_dropout_pattern(forward(net, x, f"MLP{args}"), p, 0.5,
                               _("MLP{args} in train mode").format(args=args), **probe())


def test_train_and_eval_reach_the_dropout_layer(student):
    args = (2, 30, 30, 0.5)
    net = build(student, *args)
    load(net, identity_state(KEYS, 2, 30, 0.5), args)
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(2))
    for mode in ("eval", "train", "eval", "train"):
        net.attr(mode)()
        expect(net.attr("training").get() is (mode == "train"), "after {mode}() MLP.training is not {flag}; do not "
                                                                "override train() or eval()",
               mode=mode, flag=mode == "train")
        out = forward(net, x, _("MLP{args} after {mode}()").format(args=args, mode=mode))
        if mode == "eval":
            expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
                   "after eval() MLP{args} still drops hidden units; use an nn.Dropout layer (or F.dropout with "
                   "training=self.training) so that eval() turns dropout off", args=args)
        else:
            expect_dropout_pattern(out, 0.5, 0.5, _("MLP{args} after eval() and then train()").format(args=args), **probe())


@requires(test_eval_mode_output_is_the_network_without_dropout)
@pytest.mark.shape_only
def test_output_stays_on_the_device_of_the_model(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    args = (4, 8, 3, 0.5)
    net = build(student, *args)
    sd = state(net, args)
    net.attr("to")(device.type)  # the caller put the model and x on this device
    x = torch.randn(6, 4, generator=torch.Generator().manual_seed(8))
    for mode in ("eval", "train"):
        net.attr(mode)()
        what = _("MLP{args}.to('{device}') in {mode} mode, with x on the {device} device (do not move x or the output "
                 "to another device in forward)").format(args=args, device=device.type, mode=mode)
        out = forward(net, on(device, x), what)
        if mode == "eval":
            expect_tensor(out, on(device, oracle(x, sd)), rtol=tol, atol=tol, what=what)
        else:
            expect(out.device.type == device.type and tuple(out.shape) == (6, 3),
                   "{what} returned {got}; expected a (6, 3) tensor on {device}", what=what, got=describe(out),
                   device=device.type)
