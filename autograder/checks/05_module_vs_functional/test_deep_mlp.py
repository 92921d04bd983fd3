"""Hidden checks for ``DeepMLP(sizes, p)``: registered containers, dropout after every hidden layer.

The state_dict must hold each linear layer's weight (out, in) and bias (out,), in network
order, whatever the key names.  The judge loads weights of its own: with the first layer
zero (bias one) and identity layers after it, the output is b + product of the dropout
masks / (1 - p)^k, so every hidden layer's dropout shows.
"""
import torch
import torch.nn.functional as F
from hypothesis import given, strategies as st

from autograder.checking import describe, expect, fail
from autograder.student import Remote


def label(sizes, p) -> str:
    """How a call is named in messages (no square brackets: the console reads them as markup)."""
    return f"sizes=({', '.join(map(str, sizes))}), p={p}"


def build(student, sizes, p) -> Remote:
    net = student.DeepMLP(list(sizes), p)
    if not isinstance(net, Remote):
        fail(f"DeepMLP({label(sizes, p)}) gave {describe(net)}; DeepMLP must be an nn.Module subclass")
    return net


def layers(net, sizes, p) -> list[tuple[str, str]]:
    """The (weight key, bias key) of each linear layer, in state_dict order, after checking their shapes."""
    sd = net.attr("state_dict")()
    what = f"DeepMLP({label(sizes, p)})"
    if not isinstance(sd, dict) or not sd:
        fail(f"{what} registers no parameters: keep the layers in nn.Sequential or nn.ModuleList (a plain Python list "
             f"is invisible to parameters(), state_dict() and eval())")
    keys = list(sd)
    expected = []
    for i in range(len(sizes) - 1):
        expected += [(sizes[i + 1], sizes[i]), (sizes[i + 1],)]
    got = [tuple(v.shape) for v in sd.values()]
    expect(len(got) == len(expected),
           f"the state_dict of {what} holds {len(got)} tensors; {len(sizes) - 1} linear layers hold "
           f"{len(expected)} (a weight and a bias each), with no other parameters or buffers")
    expect(got == expected, f"the state_dict of {what} holds tensors of shapes {', '.join(map(str, got))}; expected the "
                            f"linear layers sizes[i] -> sizes[i + 1] in order: {', '.join(map(str, expected))}")
    return [(keys[2 * i], keys[2 * i + 1]) for i in range(len(sizes) - 1)], sd


def oracle(x, sd, pairs) -> torch.Tensor:
    h = x.double()
    for i, (w, b) in enumerate(pairs):
        h = F.linear(h, sd[w].double(), sd[b].double())
        if i < len(pairs) - 1:
            h = F.relu(h)
    return h.to(x.dtype)


def forward(net, x, what: str) -> torch.Tensor:
    out = net(x)
    if not isinstance(out, torch.Tensor):
        fail(f"{what} returned {describe(out)}; forward must return the output tensor")
    return out.detach()


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
    out = forward(net, x, f"DeepMLP({label(sizes, p)}) in eval mode")
    expect(tuple(out.shape) == (batch, sizes[-1]),
           f"DeepMLP({label(sizes, p)}) maps x of shape {(batch, sizes[0])} to {tuple(out.shape)}; expected {(batch, sizes[-1])}")
    expect(torch.allclose(out, oracle(x, sd, pairs), rtol=1e-5, atol=1e-5),
           f"in eval mode DeepMLP({label(sizes, p)}) is not the chain of its linear layers with ReLU between them (none after "
           f"the last): check the order, and that eval() reaches every Dropout")


def test_every_linear_layer_is_registered_in_order(student):
    for sizes, p in (([4, 16, 8, 3], 0.2), ([5, 2], 0.5), ([3, 7, 7, 7, 1], 0.1)):
        net = build(student, sizes, p)
        layers(net, sizes, p)
        call = student.nn.attr("utils").attr("parameters_to_vector").call(net.attr("parameters")())
        if call.raised is not None:
            fail(f"DeepMLP({label(sizes, p)}).parameters() is empty; keep the layers in nn.Sequential or nn.ModuleList")
        total = sum(sizes[i + 1] * sizes[i] + sizes[i + 1] for i in range(len(sizes) - 1))
        vector = call.result()
        expect(vector.numel() == total and vector.requires_grad,
               f"DeepMLP({label(sizes, p)}).parameters() holds {vector.numel()} numbers; its linear layers hold {total}, all "
               f"requiring grad")


def test_train_mode_applies_dropout_after_every_hidden_layer(student):
    x = torch.randn(500, 3, generator=torch.Generator().manual_seed(1))
    for sizes, p in (([3, 40, 40], 0.5), ([3, 40, 40, 40], 0.2), ([3, 40, 40, 40, 40], 0.2)):
        hidden = len(sizes) - 2
        net = build(student, sizes, p)
        pairs, _ = layers(net, sizes, p)
        net.attr("load_state_dict")(chain_state(sizes, pairs, 0.5))
        what = f"DeepMLP({label(sizes, p)})"
        net.attr("eval")()
        out = forward(net, x, f"{what} in eval mode")
        expect(torch.allclose(out, torch.full_like(out, 1.5), atol=1e-5),
               f"after eval() {what} still drops units: eval() only reaches registered submodules; keep the Dropout "
               f"layers in nn.Sequential or nn.ModuleList")
        net.attr("train")()
        out = forward(net, x, f"{what} in train mode")
        kept_value = 0.5 + (1 - p) ** -hidden
        dropped = (out - 0.5).abs() < 1e-4
        kept = (out - kept_value).abs() < 1e-4 * kept_value
        if not bool((dropped | kept).all()):
            values = ", ".join(f"{v:g}" for v in sorted({round(v, 4) for v in out.flatten()[:2000].tolist()})[:4])
            fail(f"{what} in train mode: with a zero first layer (bias 1) and identity layers after it the outputs should "
                 f"be 0.5 or {kept_value:g}, one Dropout(p) after each of the {hidden} hidden layers and none after the "
                 f"last, but they take the values {values}")
        rate = float(dropped.double().mean())
        expected_rate = 1 - (1 - p) ** hidden
        expect(abs(rate - expected_rate) < 0.03,
               f"{what} in train mode drops {rate:.3f} of the outputs; one Dropout({p}) after each of the {hidden} hidden "
               f"layers drops {expected_rate:.3f}")


def test_nothing_follows_the_last_layer(student):
    x = torch.randn(300, 3, generator=torch.Generator().manual_seed(4))
    for sizes, p in (([3, 20, 20], 0.5), ([3, 6], 0.5)):
        net = build(student, sizes, p)
        pairs, _ = layers(net, sizes, p)
        net.attr("load_state_dict")(chain_state(sizes, pairs, -2.0))
        net.attr("train")()
        out = forward(net, x, f"DeepMLP({label(sizes, p)}) in train mode")
        expect(bool((out < 0).any()), f"DeepMLP({label(sizes, p)}) never gives negative outputs although its last bias is -2: "
                                      f"there must be no ReLU after the last linear layer")
        if len(sizes) == 2:
            expect(torch.allclose(out, torch.full_like(out, -2.0), atol=1e-5),
                   f"DeepMLP({label(sizes, p)}) is a single linear layer, so it has no ReLU and no Dropout; its output "
                   f"changed in train mode")
        else:
            allowed = ((out + 2).abs() < 1e-4) | ((out - (-2 + 1 / (1 - p))).abs() < 1e-4)
            expect(bool(allowed.all()), f"DeepMLP({label(sizes, p)}) in train mode gives outputs other than -2 and "
                                        f"{-2 + 1 / (1 - p):g}: the last linear layer must not be followed by ReLU or Dropout")
