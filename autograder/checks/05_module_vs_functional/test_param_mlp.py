"""Hidden checks for ``ParamMLP(in_features, hidden, out_features, p)``: nn.Parameter attributes + F calls.

The judge loads parameters of its own through load_state_dict (keys w1, b1, w2, b2) and
runs the module in train() and eval() mode: F.dropout without training=self.training keeps
dropping in eval mode.
"""
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_dropout_pattern, expect_tensor, fail, on
from autograder.student import Remote


# how the dropout probe network looks in this part, and how dropout is switched on there (expect_dropout_pattern)
PROBE = {"probe": "zero w1, b1 = 1 and an identity w2",
         "switch_on": "call F.dropout(h, p, training=self.training) on the hidden layer"}


def build(student, *args) -> Remote:
    net = student.ParamMLP(*args)
    if not isinstance(net, Remote):
        fail(f"ParamMLP{args} gave {describe(net)}; ParamMLP must be an nn.Module subclass")
    return net


def expected_shapes(in_f, hidden, out_f) -> dict:
    return {"w1": (hidden, in_f), "b1": (hidden,), "w2": (out_f, hidden), "b2": (out_f,)}


def checked_state(net, args) -> dict:
    sd = net.attr("state_dict")()
    if not isinstance(sd, dict):
        fail(f"state_dict() of ParamMLP{args} returned {describe(sd)}; do not override state_dict")
    got = {k: tuple(v.shape) if isinstance(v, torch.Tensor) else None for k, v in sd.items()}
    expected = expected_shapes(*args[:3])
    missing = [k for k in expected if k not in got]
    if missing:
        fail(f"the state_dict of ParamMLP{args} lacks {', '.join(missing)} (it has {', '.join(got) or 'nothing'}): a "
             f"plain tensor attribute, even with requires_grad=True, or a tensor in a list is not registered; assign "
             f"self.{missing[0]} = nn.Parameter(...)")
    extra = [k for k in got if k not in expected]
    expect(not extra, f"the state_dict of ParamMLP{args} has extra entries {', '.join(extra)}; register only w1, b1, "
                      f"w2, b2 (no nn.Linear layers, no buffers)")
    for key, shape in expected.items():
        expect(got[key] == shape, f"{key} of ParamMLP{args} has shape {got[key]}; expected {shape} (like nn.Linear: "
                                  f"weight (out, in), bias (out,))")
    return sd


def forward(net, x, what: str) -> torch.Tensor:
    out = net(x)
    if not isinstance(out, torch.Tensor):
        fail(f"{what} returned {describe(out)}; forward must return the output tensor")
    return out.detach()


def oracle(x, sd) -> torch.Tensor:
    h = F.relu(F.linear(x.double(), sd["w1"].double(), sd["b1"].double()))
    return F.linear(h, sd["w2"].double(), sd["b2"].double()).to(x.dtype)


def identity_state(in_f: int, hidden: int, b2: float) -> dict:
    return {"w1": torch.zeros(hidden, in_f), "b1": torch.ones(hidden), "w2": torch.eye(hidden),
            "b2": torch.full((hidden,), b2)}


def test_state_dict_holds_exactly_w1_b1_w2_b2(student):
    for args in ((4, 8, 3, 0.5), (1, 1, 1, 0.0), (6, 3, 9, 0.3)):
        sd = checked_state(build(student, *args), args)
        for key, value in sd.items():
            expect(value.dtype == torch.float32, f"{key} of ParamMLP{args} has dtype {value.dtype}; expected float32")


def test_parameters_are_registered_and_require_grad(student):
    for args in ((4, 8, 3, 0.5), (2, 5, 1, 0.1)):
        net = build(student, *args)
        checked_state(net, args)
        call = student.nn.attr("utils").attr("parameters_to_vector").call(net.attr("parameters")())
        if call.raised is not None:
            fail(f"ParamMLP{args}.parameters() is empty ({call.raised}); wrap each parameter in nn.Parameter")
        vector = call.result()
        in_f, hidden, out_f, _ = args
        total = hidden * in_f + hidden + out_f * hidden + out_f
        expect(vector.numel() == total,
               f"ParamMLP{args}.parameters() holds {vector.numel()} numbers; w1, b1, w2, b2 hold {total}: register each "
               f"as an nn.Parameter attribute")
        expect(vector.requires_grad, f"the parameters of ParamMLP{args} do not require grad; nn.Parameter requires grad "
                                     f"by default, keep it")


@given(in_f=st.integers(1, 6), hidden=st.integers(1, 10), out_f=st.integers(1, 5), batch=st.integers(1, 6),
       p=st.sampled_from([0.0, 0.3, 0.5, 0.9]), seed=st.integers(0, 2**31 - 1))
def test_eval_mode_output_is_the_network_without_dropout(student, in_f, hidden, out_f, batch, p, seed):
    args = (in_f, hidden, out_f, p)
    net = build(student, *args)
    checked_state(net, args)
    g = torch.Generator().manual_seed(seed)
    sd = {k: torch.rand(shape, generator=g) * 2 - 1 for k, shape in expected_shapes(in_f, hidden, out_f).items()}
    net.attr("load_state_dict")(sd)
    net.attr("eval")()
    x = torch.randn(batch, in_f, generator=g) * 3
    out = forward(net, x, f"ParamMLP{args} in eval mode")
    expect(tuple(out.shape) == (batch, out_f), f"ParamMLP{args} maps x of shape {(batch, in_f)} to {tuple(out.shape)}; "
                                               f"expected {(batch, out_f)}")
    expect(torch.allclose(out, oracle(x, sd), rtol=1e-5, atol=1e-5),
           f"in eval mode ParamMLP{args} is not linear(relu(linear(x, w1, b1)), w2, b2): dropout must be off after eval(), "
           f"so pass training=self.training to F.dropout (its default is True)")


def test_train_mode_drops_hidden_units_at_rate_p_and_scales(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for p in (0.2, 0.5, 0.8):
        args = (3, 40, 40, p)
        net = build(student, *args)
        checked_state(net, args)
        net.attr("load_state_dict")(identity_state(3, 40, 0.5))
        net.attr("train")()
        expect_dropout_pattern(forward(net, x, f"ParamMLP{args}"), p, 0.5, f"ParamMLP{args} in train mode", **PROBE)


def test_train_and_eval_switch_dropout_on_and_off(student):
    args = (2, 30, 30, 0.5)
    net = build(student, *args)
    checked_state(net, args)
    net.attr("load_state_dict")(identity_state(2, 30, 0.5))
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(2))
    for mode in ("eval", "train", "eval", "train"):
        net.attr(mode)()
        expect(net.attr("training").get() is (mode == "train"),
               f"after {mode}() ParamMLP.training is not {mode == 'train'}; do not override train() or eval()")
        out = forward(net, x, f"ParamMLP{args} after {mode}()")
        if mode == "eval":
            expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
                   f"after eval() ParamMLP{args} still drops hidden units: F.dropout does not know the module's mode, "
                   f"pass training=self.training")
        else:
            expect_dropout_pattern(out, 0.5, 0.5, f"ParamMLP{args} after eval() and then train()", **PROBE)


@pytest.mark.shape_only
def test_to_device_moves_every_parameter(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    args = (4, 8, 3, 0.5)
    net = build(student, *args)
    net.attr("to")(device.type)
    sd = checked_state(net, args)
    for key, value in sd.items():
        expect(isinstance(value, torch.Tensor) and value.device.type == device.type,
               f"after ParamMLP{args}.to('{device.type}'), {key} is {describe(value)}: only nn.Parameter attributes "
               f"(and buffers) move with model.to(device)")
    x = torch.randn(6, 4, generator=torch.Generator().manual_seed(8))
    net.attr("eval")()
    out = forward(net, on(device, x), f"ParamMLP{args} on the {device.type} device in eval mode")
    expect_tensor(out, oracle(on(device, x), sd), rtol=tol, atol=tol,
                  what=f"the output of ParamMLP{args}.to('{device.type}') in eval mode")
    net.attr("train")()
    out = forward(net, on(device, x), f"ParamMLP{args} on the {device.type} device in train mode")
    expect(out.device.type == device.type and tuple(out.shape) == (6, 3),
           f"ParamMLP{args} on the {device.type} device in train mode returned {describe(out)}; expected a (6, 3) "
           f"tensor on {device.type}: keep every tensor of forward on x's device")
