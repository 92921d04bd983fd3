"""Hidden checks for ``DeepMLP(sizes, p)``: registered containers, dropout after every hidden layer.

The state_dict must hold each linear layer's weight (out, in) and bias (out,), in network
order, whatever the key names.  The judge loads weights of its own: with the first layer
zero (bias one) and identity layers after it, the output is b + product of the dropout
masks / (1 - p)^k, so every hidden layer's dropout shows.
"""
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, expect_tensor, fail, on, requires
from autograder.i18n import _
from autograder.student import Remote
from checks_05_module_vs_functional import forward


def label(sizes, p) -> str:
    """How a call is named in messages (no square brackets: the console reads them as markup)."""
    return f"DeepMLP(sizes=({', '.join(map(str, sizes))}), p={p})"


def build(student, sizes, p) -> Remote:
    net = student.DeepMLP(list(sizes), p)
    if not isinstance(net, Remote):
        fail("{call} gave {got}; DeepMLP must be an nn.Module subclass", call=label(sizes, p), got=describe(net))
    return net


def layers(net, sizes, p) -> list[tuple[str, str]]:
    """The (weight key, bias key) of each linear layer, in state_dict order, after checking their shapes."""
    sd = net.attr("state_dict")()
    what = label(sizes, p)
    if not isinstance(sd, dict) or not sd:
        fail("{call} registers no parameters: keep the layers in nn.Sequential or nn.ModuleList (a plain Python list "
             "is invisible to parameters(), state_dict() and eval())", call=what)
    keys = list(sd)
    expected = []
    for i in range(len(sizes) - 1):
        expected += [(sizes[i + 1], sizes[i]), (sizes[i + 1],)]
    got = [tuple(v.shape) for v in sd.values()]
    expect(len(got) == len(expected),
           "the state_dict of {call} holds {count} tensors; {layers} linear layers hold {expected} (a weight and a bias "
           "each), with no other parameters or buffers", call=what, count=len(got), layers=len(sizes) - 1,
           expected=len(expected))
    expect(got == expected, "the state_dict of {call} holds tensors of shapes {got}; expected the linear layers "
                            "sizes[i] -> sizes[i + 1] in order: {expected}",
           call=what, got=", ".join(map(str, got)), expected=", ".join(map(str, expected)))
    return [(keys[2 * i], keys[2 * i + 1]) for i in range(len(sizes) - 1)], sd


def oracle(x, sd, pairs) -> torch.Tensor:
    h = x.double()
    for i, (w, b) in enumerate(pairs):
        h = F.linear(h, sd[w].double(), sd[b].double())
        if i < len(pairs) - 1:
            h = F.relu(h)
    return h.to(x.dtype)


def chain_state(sizes, pairs, last_bias: float) -> dict:
    """First layer: zero weights, bias one; every later layer: identity, zero bias (the last: last_bias)."""
    sd = {}
    for i, (w, b) in enumerate(pairs):
        out_f, in_f = sizes[i + 1], sizes[i]
        sd[w] = torch.zeros(out_f, in_f) if i == 0 else torch.eye(out_f, in_f)
        sd[b] = torch.ones(out_f) if i == 0 else torch.zeros(out_f)
    sd[pairs[-1][1]] = torch.full((sizes[-1],), last_bias)
    return sd


@given(sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5), batch=st.integers(1, 5),
       p=st.sampled_from([0.0, 0.3, 0.5]), seed=st.integers(0, 2**31 - 1))
def test_eval_mode_output_is_the_network_without_dropout(student, sizes, batch, p, seed):
    net = build(student, sizes, p)
    pairs, sd = layers(net, sizes, p)
    net.attr("eval")()
    x = torch.randn(batch, sizes[0], generator=torch.Generator().manual_seed(seed))
    out = forward(net, x, _("{call} in eval mode").format(call=label(sizes, p)))
    expect(tuple(out.shape) == (batch, sizes[-1]), "{call} maps x of shape {shape} to {got}; expected {expected}",
           call=label(sizes, p), shape=(batch, sizes[0]), got=tuple(out.shape), expected=(batch, sizes[-1]))
    expect(torch.allclose(out, oracle(x, sd, pairs), rtol=1e-5, atol=1e-5),
           "in eval mode {call} is not the chain of its linear layers with ReLU between them (none after the last): "
           "check the order, and that eval() reaches every Dropout", call=label(sizes, p))


def test_every_linear_layer_is_registered_in_order(student):
    for sizes, p in (([4, 16, 8, 3], 0.2), ([5, 2], 0.5), ([3, 7, 7, 7, 1], 0.1)):
        net = build(student, sizes, p)
        layers(net, sizes, p)
        call = student.builtin("list").call(net.attr("parameters")())
        if call.raised is not None or not isinstance(call.value, list):
            fail("{call}.parameters() is unusable ({error}); keep the layers in nn.Sequential or nn.ModuleList",
                 call=label(sizes, p), error=call.raised or describe(call.value))
        parameters = [t for t in call.value if isinstance(t, torch.Tensor)]
        total = sum(sizes[i + 1] * sizes[i] + sizes[i + 1] for i in range(len(sizes) - 1))
        count = sum(t.numel() for t in parameters)
        expect(count == total and all(t.requires_grad for t in parameters),
               "{call}.parameters() holds {count} numbers; its linear layers hold {total}, all requiring grad",
               call=label(sizes, p), count=count, total=total)


def test_train_mode_applies_dropout_after_every_hidden_layer(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for sizes, p in (([3, 40, 40], 0.5), ([3, 40, 40, 40], 0.2), ([3, 40, 40, 40, 40], 0.2)):
        hidden = len(sizes) - 2
        net = build(student, sizes, p)
        pairs, _sd = layers(net, sizes, p)
        net.attr("load_state_dict")(chain_state(sizes, pairs, 0.5))
        what = label(sizes, p)
        net.attr("eval")()
        out = forward(net, x, _("{call} in eval mode").format(call=what))
        expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
               "after eval() {call} still drops units: eval() only reaches registered submodules; keep the Dropout "
               "layers in nn.Sequential or nn.ModuleList", call=what)
        net.attr("train")()
        out = forward(net, x, _("{call} in train mode").format(call=what))
        kept_value = 0.5 + (1 - p) ** -hidden
        dropped = (out - 0.5).abs() < 1e-4
        kept = (out - kept_value).abs() < 1e-4 * kept_value
        if not bool((dropped | kept).all()):
            values = ", ".join(f"{v:g}" for v in sorted({round(v, 4) for v in out.flatten()[:2000].tolist()})[:4])
            fail("{call} in train mode gives the values {values}; with a zero first layer (bias 1) and identity layers "
                 "after it they should be 0.5 or {kept:g}: one Dropout(p) after each of the {hidden} hidden layers, none "
                 "after the last", call=what, kept=kept_value, hidden=hidden, values=values)
        rate = float(dropped.double().mean())
        expected_rate = 1 - (1 - p) ** hidden
        expect(abs(rate - expected_rate) < 0.03,
               "{call} in train mode drops {rate:.3f} of the outputs; one Dropout({p}) after each of the {hidden} hidden "
               "layers drops {expected:.3f}", call=what, rate=rate, p=p, hidden=hidden, expected=expected_rate)


def test_nothing_follows_the_last_layer(student):
    x = torch.randn(300, 3, generator=torch.Generator().manual_seed(4))
    for sizes, p in (([3, 20, 20], 0.5), ([3, 6], 0.5)):
        net = build(student, sizes, p)
        pairs, _sd = layers(net, sizes, p)
        net.attr("load_state_dict")(chain_state(sizes, pairs, -2.0))
        net.attr("train")()
        out = forward(net, x, _("{call} in train mode").format(call=label(sizes, p)))
        expect(bool((out < 0).any()), "{call} never gives negative outputs although its last bias is -2: there must be "
                                      "no ReLU after the last linear layer", call=label(sizes, p))
        if len(sizes) == 2:
            expect(torch.allclose(out, torch.full_like(out, -2.0), atol=1e-5),
                   "{call} is a single linear layer, so it has no ReLU and no Dropout; its output changed in train mode",
                   call=label(sizes, p))
        else:
            allowed = ((out + 2).abs() < 1e-4) | ((out - (-2 + 1 / (1 - p))).abs() < 1e-4)
            expect(bool(allowed.all()), "{call} in train mode gives outputs other than -2 and {kept:g}: the last linear "
                                        "layer must not be followed by ReLU or Dropout",
                   call=label(sizes, p), kept=-2 + 1 / (1 - p))


@requires(test_eval_mode_output_is_the_network_without_dropout)
@pytest.mark.shape_only
def test_output_stays_on_the_device_of_the_model(student, device):
    tol = None if device.type == "cuda" else 1e-5  # None: expect_tensor allows TF32 on a GPU
    sizes, p = [4, 8, 6, 3], 0.5
    net = build(student, sizes, p)
    pairs, sd = layers(net, sizes, p)
    net.attr("to")(device.type)  # the caller put the model and x on this device
    x = torch.randn(5, 4, generator=torch.Generator().manual_seed(6))
    for mode in ("eval", "train"):
        net.attr(mode)()
        what = _("{call}.to('{device}') in {mode} mode, with x on the {device} device (do not move x or the output to "
                 "another device in forward)").format(call=label(sizes, p), device=device.type, mode=mode)
        out = forward(net, on(device, x), what)
        if mode == "eval":
            expect_tensor(out, on(device, oracle(x, sd, pairs)), rtol=tol, atol=tol, what=what)
        else:
            expect(out.device.type == device.type and tuple(out.shape) == (5, 3),
                   "{what} returned {got}; expected a (5, 3) tensor on {device}", what=what, got=describe(out),
                   device=device.type)
