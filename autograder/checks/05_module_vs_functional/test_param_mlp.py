"""Hidden checks for ``ParamMLP(in_features, hidden, out_features, p)``: nn.Parameter attributes + F calls.

The judge loads parameters of its own through load_state_dict (keys w1, b1, w2, b2) and
runs the module in train() and eval() mode: F.dropout without training=self.training keeps
dropping in eval mode.
"""
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _
from autograder.student import Remote
from checks_05_module_vs_functional import expect_dropout_pattern, expected_shapes, forward, identity_state

KEYS = ("w1", "b1", "w2", "b2")


def probe() -> dict:
    """How the dropout probe network looks in this part, and how dropout is switched on there (expect_dropout_pattern),
    in the student's language (translated when a check runs)."""
    return {"probe": _("zero w1, b1 = 1 and an identity w2"),
            "switch_on": _("call F.dropout(h, p, training=self.training) on the hidden layer")}


def build(student, *args) -> Remote:
    net = student.ParamMLP(*args)
    if not isinstance(net, Remote):
        fail("ParamMLP{args} gave {got}; ParamMLP must be an nn.Module subclass", args=args, got=describe(net))
    return net


def checked_state(net, args) -> dict:
    sd = net.attr("state_dict")()
    if not isinstance(sd, dict):
        fail("state_dict() of ParamMLP{args} returned {got}; do not override state_dict", args=args, got=describe(sd))
    got = {k: tuple(v.shape) if isinstance(v, torch.Tensor) else None for k, v in sd.items()}
    expected = expected_shapes(KEYS, *args[:3])
    missing = [k for k in expected if k not in got]
    if missing:
        if not got:
            fail("the state_dict of ParamMLP{args} is empty: a plain tensor attribute, even with requires_grad=True, or "
                 "a tensor in a list is not registered; assign self.w1 = nn.Parameter(...)", args=args)
        fail("the state_dict of ParamMLP{args} lacks {missing} (it has {got}): a plain tensor attribute, even with "
             "requires_grad=True, or a tensor in a list is not registered; assign self.{first} = nn.Parameter(...)",
             args=args, missing=", ".join(missing), got=", ".join(got), first=missing[0])
    extra = [k for k in got if k not in expected]
    expect(not extra, "the state_dict of ParamMLP{args} has extra entries {extra}; register only w1, b1, w2, b2 (no "
                      "nn.Linear layers, no buffers)", args=args, extra=", ".join(extra))
    for key, shape in expected.items():
        expect(got[key] == shape, "{key} of ParamMLP{args} has shape {got}; expected {expected} (like nn.Linear: "
                                  "weight (out, in), bias (out,))", key=key, args=args, got=got[key], expected=shape)
    return sd


def oracle(x, sd) -> torch.Tensor:
    h = F.relu(F.linear(x.double(), sd["w1"].double(), sd["b1"].double()))
    return F.linear(h, sd["w2"].double(), sd["b2"].double()).to(x.dtype)


def test_state_dict_holds_exactly_w1_b1_w2_b2(student):
    for args in ((4, 8, 3, 0.5), (1, 1, 1, 0.0), (6, 3, 9, 0.3)):
        sd = checked_state(build(student, *args), args)
        for key, value in sd.items():
            expect(value.dtype == torch.float32, "{key} of ParamMLP{args} has dtype {dtype}; expected float32",
                   key=key, args=args, dtype=value.dtype)


def test_parameters_are_registered_and_require_grad(student):
    for args in ((4, 8, 3, 0.5), (2, 5, 1, 0.1)):
        net = build(student, *args)
        checked_state(net, args)
        call = student.builtin("list").call(net.attr("parameters")())
        if call.raised is not None or not isinstance(call.value, list):
            fail("ParamMLP{args}.parameters() is unusable ({error}); wrap each parameter in nn.Parameter", args=args,
                 error=call.raised or describe(call.value))
        parameters = [p for p in call.value if isinstance(p, torch.Tensor)]
        in_f, hidden, out_f, _p = args
        total = hidden * in_f + hidden + out_f * hidden + out_f
        count = sum(p.numel() for p in parameters)
        expect(count == total, "ParamMLP{args}.parameters() holds {count} numbers; w1, b1, w2, b2 hold {total}: "
                               "register each as an nn.Parameter attribute", args=args, count=count, total=total)
        expect(all(p.requires_grad for p in parameters), "the parameters of ParamMLP{args} do not require grad; "
                                                         "nn.Parameter requires grad by default, keep it", args=args)


@given(in_f=st.integers(1, 6), hidden=st.integers(1, 10), out_f=st.integers(1, 5), batch=st.integers(1, 6),
       p=st.sampled_from([0.0, 0.3, 0.5, 0.9]), seed=st.integers(0, 2**31 - 1))
def test_eval_mode_output_is_the_network_without_dropout(student, in_f, hidden, out_f, batch, p, seed):
    args = (in_f, hidden, out_f, p)
    net = build(student, *args)
    checked_state(net, args)
    g = torch.Generator().manual_seed(seed)
    sd = {k: torch.rand(shape, generator=g) * 2 - 1 for k, shape in expected_shapes(KEYS, in_f, hidden, out_f).items()}
    net.attr("load_state_dict")(sd)
    net.attr("eval")()
    x = torch.randn(batch, in_f, generator=g) * 3
    out = forward(net, x, _("ParamMLP{args} in eval mode").format(args=args))
    expect(tuple(out.shape) == (batch, out_f), "ParamMLP{args} maps x of shape {shape} to {got}; expected {expected}",
           args=args, shape=(batch, in_f), got=tuple(out.shape), expected=(batch, out_f))
    expect(torch.allclose(out, oracle(x, sd), rtol=1e-5, atol=1e-5),
           "in eval mode ParamMLP{args} is not linear(relu(linear(x, w1, b1)), w2, b2): dropout must be off after eval(), "
           "so pass training=self.training to F.dropout (its default is True)", args=args)


def test_train_mode_drops_hidden_units_at_rate_p_and_scales(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for p in (0.2, 0.5, 0.8):
        args = (3, 40, 40, p)
        net = build(student, *args)
        checked_state(net, args)
        net.attr("load_state_dict")(identity_state(KEYS, 3, 40, 0.5))
        net.attr("train")()
        expect_dropout_pattern(forward(net, x, f"ParamMLP{args}"), p, 0.5,
                               _("ParamMLP{args} in train mode").format(args=args), **probe())


def test_train_and_eval_switch_dropout_on_and_off(student):
    args = (2, 30, 30, 0.5)
    net = build(student, *args)
    checked_state(net, args)
    net.attr("load_state_dict")(identity_state(KEYS, 2, 30, 0.5))
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(2))
    for mode in ("eval", "train", "eval", "train"):
        net.attr(mode)()
        expect(net.attr("training").get() is (mode == "train"),
               "after {mode}() ParamMLP.training is not {flag}; do not override train() or eval()",
               mode=mode, flag=mode == "train")
        out = forward(net, x, _("ParamMLP{args} after {mode}()").format(args=args, mode=mode))
        if mode == "eval":
            expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
                   "after eval() ParamMLP{args} still drops hidden units: F.dropout does not know the module's mode, "
                   "pass training=self.training", args=args)
        else:
            expect_dropout_pattern(out, 0.5, 0.5, _("ParamMLP{args} after eval() and then train()").format(args=args),
                                   **probe())


@requires(test_eval_mode_output_is_the_network_without_dropout)
@pytest.mark.shape_only
def test_to_device_moves_every_parameter(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    args = (4, 8, 3, 0.5)
    net = build(student, *args)
    net.attr("to")(device.type)
    sd = checked_state(net, args)
    for key, value in sd.items():
        expect(isinstance(value, torch.Tensor) and value.device.type == device.type,
               "after ParamMLP{args}.to('{device}'), {key} is {got}: only nn.Parameter attributes (and buffers) move "
               "with model.to(device)", args=args, device=device.type, key=key, got=describe(value))
    x = torch.randn(6, 4, generator=torch.Generator().manual_seed(8))
    net.attr("eval")()
    out = forward(net, on(device, x), _("ParamMLP{args} on the {device} device in eval mode").format(
        args=args, device=device.type))
    expect_tensor(out, oracle(on(device, x), sd), rtol=tol, atol=tol,
                  what=_("the output of ParamMLP{args}.to('{device}') in eval mode").format(args=args, device=device.type))
    net.attr("train")()
    out = forward(net, on(device, x), _("ParamMLP{args} on the {device} device in train mode").format(
        args=args, device=device.type))
    expect(out.device.type == device.type and tuple(out.shape) == (6, 3),
           "ParamMLP{args} on the {device} device in train mode returned {got}; expected a (6, 3) tensor on {device}: "
           "keep every tensor of forward on x's device", args=args, device=device.type, got=describe(out))
